package io.switchboard.loadtest.traffic;

import io.switchboard.loadtest.sign.MetaSignature;
import io.switchboard.loadtest.sign.TwilioSignature;
import io.switchboard.loadtest.sign.XSignature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates provider traffic as the providers send it: the payload shapes of the committed test fixtures
 * ({@code gateway/src/test/resources/meta/}, {@code x/}) and of Twilio's documented webhook parameters
 * (PROTOCOLS.md 3.4), a fresh provider event id in every request, signed with the channel's secret. Thread-safe.
 */
public final class Traffic {

    /** The brand's X account (the fixtures' AcmeSupport). */
    public static final String X_BRAND_ID = "1363121963309412354";
    /** The brand's Facebook Page. */
    public static final String PAGE_ID = "109876543210987";
    /** The brand's WhatsApp Business Account and phone number. */
    public static final String WABA_ID = "102290129340398";
    static final String WA_PHONE_NUMBER_ID = "106540352242922";
    static final String WA_DISPLAY_NUMBER = "15550783881";
    /** The brand's Twilio number (an Ofcom drama-range London number). */
    static final String TWILIO_NUMBER = "+442079460123";

    private static final DateTimeFormatter X_CREATED_AT =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** What customers write privately: orders, refunds, changes; a few in other languages. */
    static final List<String> PRIVATE_TEXTS = List.of(
            "My order #123 never arrived",
            "Hi, my parcel was due yesterday and the tracking has not moved since Monday",
            "Can I change the delivery address for order 55821?",
            "I was charged twice for the same order, please refund one of them",
            "The blender I bought stopped working after two days",
            "Do you have the blue rain jacket in size M?",
            "¿Dónde está mi pedido? Lo pedí hace dos semanas",
            "Die Größe passt nicht, wie kann ich umtauschen?",
            "Please call me back about my subscription",
            "I want to cancel my contract before it renews");

    /** What customers write publicly when it goes wrong. */
    static final List<String> PUBLIC_TEXTS = List.of(
            "@AcmeSupport three weeks and still no refund. Unacceptable.",
            "@AcmeSupport your app has been down all morning, anyone else?",
            "@AcmeSupport ordered a sofa, got a lamp. Now nobody answers the phone",
            "Still no answer to my email. Where is my refund?",
            "Same here, waiting since March for a replacement",
            "@AcmeSupport is anyone actually reading these?");

    static final List<String> NAMES = List.of("Jane Customer", "Tom Baker", "Sheena Nelson", "Lena Vogel",
            "Maria Lopez", "Amir Khan", "Chloé Martin", "Kenji Sato");

    private final TrafficConfig config;
    private final Ids ids;
    private final String accountSid;
    private final String messagingServiceSid;

    /**
     * @param config where the traffic goes and its secrets
     * @param ids    the id generator (one per run)
     */
    public Traffic(TrafficConfig config, Ids ids) {
        this.config = config;
        this.ids = ids;
        this.accountSid = "AC" + ids.run() + "0".repeat(20);
        this.messagingServiceSid = "MG" + ids.run() + "0".repeat(20);
    }

    /** @return the configuration */
    public TrafficConfig config() {
        return config;
    }

    /** @return the id generator */
    public Ids ids() {
        return ids;
    }

    /**
     * @param kind what to generate
     * @return a fresh signed request of that kind
     */
    public SignedRequest next(Kind kind) {
        return switch (kind) {
            case SMS -> sms();
            case VOICE -> voice();
            case MESSENGER -> messenger(batchSize());
            case WHATSAPP -> whatsapp(batchSize());
            case FB_COMMENT -> fbComment();
            case X_DM -> xDm();
            case X_MENTION -> xMention();
            case X_CRC -> xCrc();
            case FORM -> form();
        };
    }

    private int batchSize() {
        return 1 + rnd().nextInt(config.maxMetaBatch());
    }

    // ------------------------------------------------------------------ Twilio

    /** @return an inbound SMS webhook (Twilio Messaging), form-encoded, signed over the public URL */
    public SignedRequest sms() {
        Sender s = sender();
        String sid = ids.twilioSid("SM");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ToCountry", "GB");
        p.put("ToState", "");
        p.put("SmsMessageSid", sid);
        p.put("NumMedia", "0");
        p.put("ToCity", "");
        p.put("FromZip", s.zip);
        p.put("SmsSid", sid);
        p.put("FromState", s.state);
        p.put("SmsStatus", "received");
        p.put("FromCity", s.city);
        p.put("Body", pick(PRIVATE_TEXTS));
        p.put("FromCountry", s.country);
        p.put("To", TWILIO_NUMBER);
        p.put("MessagingServiceSid", messagingServiceSid);
        p.put("ToZip", "");
        p.put("NumSegments", "1");
        p.put("ReferralNumMedia", "0");
        p.put("MessageSid", sid);
        p.put("AccountSid", accountSid);
        p.put("From", s.e164);
        p.put("ApiVersion", "2010-04-01");
        return twilio(Kind.SMS, p, sid);
    }

    /** @return an incoming-call webhook (Twilio Voice), form-encoded, signed over the public URL */
    public SignedRequest voice() {
        Sender s = sender();
        String sid = ids.twilioSid("CA");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Called", TWILIO_NUMBER);
        p.put("ToState", "");
        p.put("CallerCountry", s.country);
        p.put("Direction", "inbound");
        p.put("CallerState", s.state);
        p.put("ToZip", "");
        p.put("CallSid", sid);
        p.put("To", TWILIO_NUMBER);
        p.put("CallerZip", s.zip);
        p.put("ToCountry", "GB");
        p.put("CalledZip", "");
        p.put("ApiVersion", "2010-04-01");
        p.put("CallStatus", "ringing");
        p.put("CalledCity", "");
        p.put("From", s.e164);
        p.put("AccountSid", accountSid);
        p.put("CalledCountry", "GB");
        p.put("CallerCity", s.city);
        p.put("ToCity", "");
        p.put("FromCountry", s.country);
        p.put("Caller", s.e164);
        p.put("FromCity", s.city);
        p.put("CalledState", "");
        p.put("FromZip", s.zip);
        p.put("FromState", s.state);
        return twilio(Kind.VOICE, p, sid);
    }

    private SignedRequest twilio(Kind kind, Map<String, String> params, String sid) {
        String channel = config.channel(kind);
        String path = "/webhooks/" + channel;
        String url = config.publicBaseUrl() + path;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        h.put(TwilioSignature.HEADER, TwilioSignature.signSingle(config.twilioAuthToken(), url, params));
        h.put("I-Twilio-Idempotency-Token", UUID.randomUUID().toString());
        h.put("User-Agent", "TwilioProxy/1.1");
        return new SignedRequest(kind, channel, "POST", path, h, formEncode(params), List.of(sid), null);
    }

    // ------------------------------------------------------------------ Meta

    /**
     * @param events how many messages the batch carries (one {@code entry} each, as Meta batches them)
     * @return a Messenger webhook batch
     */
    public SignedRequest messenger(int events) {
        JsonArray entries = new JsonArray();
        List<String> mids = new ArrayList<>(events);
        long now = System.currentTimeMillis();
        for (int i = 0; i < events; i++) {
            String mid = ids.messengerMid();
            mids.add(mid);
            JsonObject message = new JsonObject().put("mid", mid).put("text", pick(PRIVATE_TEXTS));
            if (rnd().nextInt(10) == 0) {
                message.put("attachments", new JsonArray().add(new JsonObject().put("type", "image")
                        .put("payload", new JsonObject().put("url", "https://scontent.xx.fbcdn.net/v/t1.15752-9/lt_"
                                + mid.substring(mid.length() - 8) + "_n.jpg"))));
            } else if (rnd().nextInt(4) == 0) {
                message.put("quick_reply", new JsonObject().put("payload", "ORDER_PROBLEM"));
            }
            entries.add(new JsonObject().put("id", PAGE_ID).put("time", now)
                    .put("messaging", new JsonArray().add(new JsonObject()
                            .put("sender", new JsonObject().put("id", psid()))
                            .put("recipient", new JsonObject().put("id", PAGE_ID))
                            .put("timestamp", now - rnd().nextInt(500))
                            .put("message", message))));
        }
        return meta(Kind.MESSENGER, new JsonObject().put("object", "page").put("entry", entries), mids);
    }

    /**
     * @param events how many messages the batch carries (one change, as the Cloud API batches a number's messages)
     * @return a WhatsApp Cloud API webhook batch
     */
    public SignedRequest whatsapp(int events) {
        JsonArray contacts = new JsonArray();
        JsonArray messages = new JsonArray();
        List<String> wamids = new ArrayList<>(events);
        long seconds = System.currentTimeMillis() / 1000;
        for (int i = 0; i < events; i++) {
            Sender s = sender();
            String wa = s.e164.substring(1);
            String wamid = ids.wamid();
            wamids.add(wamid);
            contacts.add(new JsonObject().put("profile", new JsonObject().put("name", s.name)).put("wa_id", wa));
            JsonObject m = new JsonObject().put("from", wa).put("id", wamid).put("timestamp", Long.toString(seconds));
            if (rnd().nextInt(8) == 0) {
                m.put("type", "interactive").put("interactive", new JsonObject().put("type", "button_reply")
                        .put("button_reply", new JsonObject().put("id", "track-order").put("title", "Track my order")));
            } else {
                m.put("type", "text").put("text", new JsonObject().put("body", pick(PRIVATE_TEXTS)));
            }
            messages.add(m);
        }
        JsonObject value = new JsonObject().put("messaging_product", "whatsapp")
                .put("metadata", new JsonObject().put("display_phone_number", WA_DISPLAY_NUMBER)
                        .put("phone_number_id", WA_PHONE_NUMBER_ID))
                .put("contacts", contacts).put("messages", messages);
        JsonObject body = new JsonObject().put("object", "whatsapp_business_account")
                .put("entry", new JsonArray().add(new JsonObject().put("id", WABA_ID)
                        .put("changes", new JsonArray().add(new JsonObject().put("value", value).put("field", "messages")))));
        return meta(Kind.WHATSAPP, body, wamids);
    }

    /** @return a public comment on one of the Page's posts (Page feed webhook) */
    public SignedRequest fbComment() {
        long seconds = System.currentTimeMillis() / 1000;
        String post = "12211234567890" + (1000 + rnd().nextInt(9000));
        String commentId = ids.commentId(post);
        JsonObject value = new JsonObject()
                .put("from", new JsonObject().put("id", psid()).put("name", pick(NAMES)))
                .put("post", new JsonObject().put("status_type", "added_photos").put("is_published", true)
                        .put("permalink_url", "https://www.facebook.com/" + PAGE_ID + "/posts/pfbid02" + post)
                        .put("promotion_status", "inactive").put("id", PAGE_ID + "_" + post))
                .put("message", pick(PUBLIC_TEXTS))
                .put("post_id", PAGE_ID + "_" + post)
                .put("comment_id", commentId)
                .put("created_time", seconds)
                .put("item", "comment")
                .put("parent_id", PAGE_ID + "_" + post)
                .put("verb", "add");
        JsonObject body = new JsonObject().put("object", "page").put("entry", new JsonArray().add(new JsonObject()
                .put("id", PAGE_ID).put("time", seconds)
                .put("changes", new JsonArray().add(new JsonObject().put("field", "feed").put("value", value)))));
        return meta(Kind.FB_COMMENT, body, List.of(commentId));
    }

    private SignedRequest meta(Kind kind, JsonObject payload, List<String> eventIds) {
        String channel = config.channel(kind);
        byte[] body = escapedJson(payload);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put(MetaSignature.HEADER, MetaSignature.sign256(config.metaAppSecret(), body));
        h.put("User-Agent", "facebookexternalua");
        return new SignedRequest(kind, channel, "POST", "/webhooks/" + channel, h, body, List.copyOf(eventIds), null);
    }

    // ------------------------------------------------------------------ X

    /** @return a direct message to the brand (Account Activity API) */
    public SignedRequest xDm() {
        String id = ids.snowflake();
        String senderId = userId();
        String name = pick(NAMES);
        JsonObject event = new JsonObject().put("type", "message_create").put("id", id)
                .put("created_timestamp", Long.toString(System.currentTimeMillis()))
                .put("message_create", new JsonObject()
                        .put("target", new JsonObject().put("recipient_id", X_BRAND_ID))
                        .put("sender_id", senderId)
                        .put("source_app_id", "3033300")
                        .put("message_data", new JsonObject().put("text", pick(PRIVATE_TEXTS))
                                .put("entities", new JsonObject().put("hashtags", new JsonArray())
                                        .put("symbols", new JsonArray()).put("user_mentions", new JsonArray())
                                        .put("urls", new JsonArray()))));
        JsonObject payload = new JsonObject().put("for_user_id", X_BRAND_ID)
                .put("direct_message_events", new JsonArray().add(event))
                .put("apps", new JsonObject().put("3033300", new JsonObject().put("id", "3033300")
                        .put("name", "Twitter Web App").put("url", "https://mobile.twitter.com")))
                .put("users", new JsonObject()
                        .put(senderId, xUser(senderId, name))
                        .put(X_BRAND_ID, xUser(X_BRAND_ID, "Acme Support").put("screen_name", "AcmeSupport")));
        return x(Kind.X_DM, payload, id);
    }

    /** @return a public mention of the brand (a tweet replying to it) */
    public SignedRequest xMention() {
        String id = ids.snowflake();
        String authorId = userId();
        String name = pick(NAMES);
        Instant now = Instant.now();
        JsonObject user = new JsonObject().put("id", Long.parseLong(authorId)).put("id_str", authorId).put("name", name)
                .put("screen_name", handle(name)).put("location", null).put("protected", false).put("verified", false)
                .put("followers_count", rnd().nextInt(5000)).put("friends_count", rnd().nextInt(800))
                .put("statuses_count", rnd().nextInt(20000)).put("created_at", "Thu May 30 20:03:00 +0000 2019")
                .put("profile_image_url_https", "https://pbs.twimg.com/profile_images/x_normal.jpg");
        String replyTo = ids.snowflake();
        JsonObject tweet = new JsonObject()
                .put("created_at", X_CREATED_AT.format(now))
                .put("id", Long.parseLong(id)).put("id_str", id)
                .put("text", pick(PUBLIC_TEXTS))
                .put("source", "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>")
                .put("truncated", false)
                .put("in_reply_to_status_id", Long.parseLong(replyTo)).put("in_reply_to_status_id_str", replyTo)
                .put("in_reply_to_user_id", Long.parseLong(X_BRAND_ID)).put("in_reply_to_user_id_str", X_BRAND_ID)
                .put("in_reply_to_screen_name", "AcmeSupport")
                .put("user", user)
                .put("geo", null).put("coordinates", null).put("place", null).put("contributors", null)
                .put("is_quote_status", false).put("quote_count", 0).put("reply_count", 0).put("retweet_count", 0)
                .put("favorite_count", 0)
                .put("entities", new JsonObject().put("hashtags", new JsonArray()).put("urls", new JsonArray())
                        .put("symbols", new JsonArray())
                        .put("user_mentions", new JsonArray().add(new JsonObject().put("screen_name", "AcmeSupport")
                                .put("name", "Acme Support").put("id", Long.parseLong(X_BRAND_ID))
                                .put("id_str", X_BRAND_ID).put("indices", new JsonArray().add(0).add(12)))))
                .put("favorited", false).put("retweeted", false).put("filter_level", "low").put("lang", "en")
                .put("timestamp_ms", Long.toString(now.toEpochMilli()));
        JsonObject payload = new JsonObject().put("for_user_id", X_BRAND_ID).put("user_has_blocked", "false")
                .put("tweet_create_events", new JsonArray().add(tweet));
        return x(Kind.X_MENTION, payload, id);
    }

    /** @return a CRC challenge: a GET with a random {@code crc_token}, and the answer it must get */
    public SignedRequest xCrc() {
        byte[] t = new byte[24];
        rnd().nextBytes(t);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
        String channel = config.channel(Kind.X_CRC);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("User-Agent", "Twitter-Webhooks/1.0");
        return new SignedRequest(Kind.X_CRC, channel, "GET", "/webhooks/" + channel + "?crc_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8), h, new byte[0], List.of(),
                XSignature.crcResponseToken(config.xConsumerSecret(), token));
    }

    private SignedRequest x(Kind kind, JsonObject payload, String id) {
        String channel = config.channel(kind);
        byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json; charset=utf-8");
        h.put(XSignature.HEADER, XSignature.sign(config.xConsumerSecret(), body));
        h.put("User-Agent", "Twitter-Webhooks/1.0");
        return new SignedRequest(kind, channel, "POST", "/webhooks/" + channel, h, body, List.of(id), null);
    }

    private JsonObject xUser(String id, String name) {
        return new JsonObject().put("id", id).put("created_timestamp", "1559246580000").put("name", name)
                .put("screen_name", handle(name)).put("protected", false).put("verified", false)
                .put("followers_count", rnd().nextInt(5000)).put("friends_count", rnd().nextInt(800))
                .put("statuses_count", rnd().nextInt(20000))
                .put("profile_image_url_https", "https://pbs.twimg.com/profile_images/x_normal.jpg");
    }

    // ------------------------------------------------------------------ web forms

    /** @return a contact-form post: url-encoded (as a browser posts it) or, one in four, JSON (a script) */
    public SignedRequest form() {
        Sender s = sender();
        String key = ids.idempotencyKey();
        String first = s.name.substring(0, s.name.indexOf(' '));
        String email = first.toLowerCase(Locale.ROOT).replace('é', 'e') + "." + (100 + rnd().nextInt(900))
                + "@example.com";
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", s.name);
        f.put("email", email);
        f.put("phone", s.national);
        f.put("subject", pick(List.of("Order problem", "Refund", "Delivery", "Question about a product", "Complaint")));
        f.put("message", pick(PRIVATE_TEXTS));
        f.put("orderNumber", Integer.toString(10_000 + rnd().nextInt(90_000)));
        String channel = config.channel(Kind.FORM);
        Map<String, String> h = new LinkedHashMap<>();
        byte[] body;
        if (rnd().nextInt(4) == 0) {
            JsonObject json = new JsonObject();
            f.forEach(json::put);
            body = json.encode().getBytes(StandardCharsets.UTF_8);
            h.put("Content-Type", "application/json");
        } else {
            body = formEncode(f);
            h.put("Content-Type", "application/x-www-form-urlencoded");
        }
        h.put("Idempotency-Key", key);
        h.put("Origin", "https://www.example.com");
        h.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        return new SignedRequest(Kind.FORM, channel, "POST", "/webhooks/" + channel, h, body, List.of(key), null);
    }

    // ------------------------------------------------------------------ helpers

    /** A customer: a UK mobile in the 07700 900xxx test range or a US 555-01xx number, with Twilio's geo fields. */
    private record Sender(String name, String e164, String national, String country, String state, String city,
                          String zip) {
    }

    private static Sender sender() {
        ThreadLocalRandom r = rnd();
        String name = NAMES.get(r.nextInt(NAMES.size()));
        if (r.nextInt(3) == 0) {
            String line = String.format("01%02d", r.nextInt(100));
            return new Sender(name, "+1202555" + line, "+1 202-555-" + line, "US", "DC", "WASHINGTON", "20001");
        }
        String n = String.format("%03d", r.nextInt(1000));
        return new Sender(name, "+447700900" + n, "07700 900" + n, "GB", "", "", "");
    }

    private static String psid() {
        return Long.toString(5_500_000_000_000_000L + rnd().nextLong(100_000_000_000_000L));
    }

    private static String userId() {
        return Long.toString(1_000_000_000_000_000_000L + rnd().nextLong(1_000_000_000_000_000L));
    }

    private static String handle(String name) {
        return name.toLowerCase(Locale.ROOT).replace(" ", "").replace('é', 'e');
    }

    private static <T> T pick(List<T> list) {
        return list.get(rnd().nextInt(list.size()));
    }

    private static ThreadLocalRandom rnd() {
        return ThreadLocalRandom.current();
    }

    /**
     * @param params form parameters
     * @return {@code application/x-www-form-urlencoded} bytes, in the given order
     */
    public static byte[] formEncode(Map<String, String> params) {
        StringBuilder sb = new StringBuilder(512);
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Encodes JSON as Meta sends it: non-ASCII characters escaped as {@code \}{@code uXXXX} (lower-case hex),
     * which is what Meta signs (PROTOCOLS.md, the rule above section 1).
     *
     * @param json the payload
     * @return the ASCII bytes
     */
    public static byte[] escapedJson(JsonObject json) {
        String s = json.encode();
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
