package io.switchboard.gateway.channel.x;

import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.switchboard.gateway.channel.internal.JsonFields.arr;
import static io.switchboard.gateway.channel.internal.JsonFields.bool;
import static io.switchboard.gateway.channel.internal.JsonFields.instant;
import static io.switchboard.gateway.channel.internal.JsonFields.obj;
import static io.switchboard.gateway.channel.internal.JsonFields.str;
import static io.switchboard.gateway.channel.internal.JsonFields.text;

/**
 * Speaks X's Account Activity API (PROTOCOLS.md section 1): answers the CRC GET, verifies
 * {@code x-twitter-webhooks-signature} over the raw body, and turns {@code tweet_create_events} into
 * public MENTION contacts and {@code direct_message_events} into private MESSAGE contacts. Every other
 * event array is acknowledged and counted as ignored. Answers 200 with an empty body.
 *
 * <p>Decisions where the protocol leaves room:
 * <ul>
 *   <li>The brand's account is the configured {@code userId}, else the payload's {@code for_user_id}. When
 *       {@code userId} is configured, events for another subscribed account are ignored
 *       ({@code other-account}).</li>
 *   <li>The brand's own tweets are ignored ({@code own-post}), its own DMs too ({@code echo}).</li>
 *   <li>A retweet is a MENTION only if it mentions the brand (a retweet of the brand's tweet does: it
 *       starts {@code RT @brand}); other retweets are ignored ({@code retweet}).</li>
 *   <li>An event without an id cannot be de-duplicated, so it is ignored ({@code malformed}) rather than
 *       failing the whole delivery.</li>
 * </ul>
 */
final class XAdapter implements ChannelAdapter {

    /** Provider name in provider refs and user ids. */
    static final String PROVIDER = "x";
    /** Attribute namespace. */
    static final String NAMESPACE = "x";
    /** The signature header. */
    static final String SIGNATURE_HEADER = "x-twitter-webhooks-signature";

    static final String TWEETS = "tweet_create_events";
    static final String DMS = "direct_message_events";

    /** Event arrays named in PROTOCOLS.md 1.4; other names are counted as {@code unknown}. */
    private static final Set<String> KNOWN_EVENTS = Set.of(TWEETS, DMS, "favorite_events", "follow_events",
            "unfollow_events", "block_events", "unblock_events", "mute_events", "unmute_events", "user_event",
            "direct_message_indicate_typing_events", "direct_message_mark_read_events", "tweet_delete_events");

    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$");

    private final byte[] secret;
    private final String userId;

    XAdapter(ChannelInitContext ctx) {
        this.secret = ctx.config().getString("consumerSecret").getBytes(StandardCharsets.UTF_8);
        this.userId = ctx.config().getString("userId");
    }

    @Override
    public Set<HttpMethod> eventMethods() {
        return Set.of(HttpMethod.POST);
    }

    /** The CRC check: every GET is one; without {@code crc_token} it is a 400. */
    @Override
    public Optional<HttpReply> handshake(InboundRequest request) {
        if (request.method() != HttpMethod.GET) {
            return Optional.empty();
        }
        String token = request.queryParams().get("crc_token");
        if (token == null || token.isEmpty()) {
            throw RequestRejectedException.malformed("missing-crc-token", "a GET must carry the crc_token parameter");
        }
        return Optional.of(HttpReply.json(200,
                new JsonObject().put("response_token", XSignatures.crcResponseToken(secret, token))));
    }

    @Override
    public void verify(InboundRequest request) {
        String header = request.headers().get(SIGNATURE_HEADER);
        if (header == null) {
            throw RequestRejectedException.unauthorized("signature-missing");
        }
        byte[] expected = XSignatures.hmacSha256(secret, request.body().getBytes());
        byte[] given = XSignatures.decodeHeader(header);
        if (given == null || !MessageDigest.isEqual(given, expected)) {
            throw RequestRejectedException.unauthorized("signature-invalid");
        }
    }

    @Override
    public Intake parse(InboundRequest request) {
        JsonObject payload = request.jsonObject();
        String forUser = str(payload, "for_user_id");
        String brand = userId != null ? userId : forUser;
        boolean otherAccount = userId != null && forUser != null && !userId.equals(forUser);
        Batch out = new Batch();
        boolean anyEvent = false;
        for (String key : payload.fieldNames()) {
            if (!key.endsWith("_events") && !key.equals("user_event")) {
                continue; // metadata: for_user_id, users, apps, user_has_blocked, ...
            }
            anyEvent = true;
            String type = KNOWN_EVENTS.contains(key) ? key : "unknown";
            Object value = payload.getValue(key);
            if (otherAccount) {
                out.ignoreEach(type, value, "other-account");
            } else if (key.equals(TWEETS)) {
                tweets(request, payload, value, brand, out);
            } else if (key.equals(DMS)) {
                directMessages(request, payload, value, brand, out);
            } else {
                out.ignoreEach(type, value, "unsupported");
            }
        }
        if (!anyEvent) {
            out.ignore("unknown", "unsupported");
        }
        return new Intake(out.contacts, out.ignored);
    }

    private void tweets(InboundRequest request, JsonObject payload, Object value, String brand, Batch out) {
        if (!(value instanceof JsonArray events)) {
            out.ignore(TWEETS, "malformed");
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            JsonObject t = obj(events, i);
            String id = firstNonNull(str(t, "id_str"), str(t, "id"));
            if (id == null) {
                out.ignore(TWEETS, "malformed");
                continue;
            }
            JsonObject user = obj(t, "user");
            String authorId = firstNonNull(str(user, "id_str"), str(user, "id"));
            if (brand != null && brand.equals(authorId)) {
                out.ignore(TWEETS, "own-post");
                continue;
            }
            JsonObject retweeted = obj(t, "retweeted_status");
            if (retweeted != null && !mentions(t, brand)) {
                out.ignore(TWEETS, "retweet");
                continue;
            }
            JsonObject extended = obj(t, "extended_tweet");
            String text = firstNonNull(text(extended, "full_text"), text(t, "full_text"), text(t, "text"));
            String lang = str(t, "lang");
            Content content = new Content(text, null,
                    lang != null && !lang.equals("und") && LANGUAGE.matcher(lang).matches() ? lang : null,
                    media(t));
            Party sender = party(authorId, str(user, "screen_name"), text(user, "name"));
            ThreadRef thread = new ThreadRef(firstNonNull(str(t, "conversation_id_str"), str(t, "conversation_id")),
                    firstNonNull(str(t, "in_reply_to_status_id_str"), str(t, "in_reply_to_status_id")), null);
            Instant occurred = firstNonNull(instant(t.getValue("timestamp_ms")), createdAt(text(t, "created_at")));

            JsonObject attrs = new JsonObject();
            Boolean blocked = bool(payload, "user_has_blocked");
            if (blocked != null) {
                attrs.put("userHasBlocked", blocked);
            }
            if (retweeted != null) {
                attrs.put("retweet", true);
                putIf(attrs, "retweetedId", firstNonNull(str(retweeted, "id_str"), str(retweeted, "id")));
            }
            putIf(attrs, "quotedId", str(t, "quoted_status_id_str"));
            putIf(attrs, "inReplyToUserId", str(t, "in_reply_to_user_id_str"));

            Contact.Builder b = request.newContact()
                    .kind(ContactKind.MENTION)
                    .visibility(Visibility.PUBLIC)
                    .occurredAt(occurred)
                    .sender(sender)
                    .recipient(brandEndpoint(brand, t))
                    .content(content)
                    .thread(thread)
                    .provider(new ProviderRef(PROVIDER, brand, id, TWEETS))
                    .raw(request.rawRef().at("/" + TWEETS + "/" + i));
            out.add(withAttributes(b, attrs).build());
        }
    }

    private void directMessages(InboundRequest request, JsonObject payload, Object value, String brand, Batch out) {
        if (!(value instanceof JsonArray events)) {
            out.ignore(DMS, "malformed");
            return;
        }
        JsonObject users = obj(payload, "users");
        for (int i = 0; i < events.size(); i++) {
            JsonObject e = obj(events, i);
            if (e != null && str(e, "type") != null && !"message_create".equals(str(e, "type"))) {
                out.ignore(DMS, "unsupported");
                continue;
            }
            String id = str(e, "id");
            JsonObject mc = obj(e, "message_create");
            if (id == null || mc == null) {
                out.ignore(DMS, "malformed");
                continue;
            }
            String senderId = str(mc, "sender_id");
            String recipientId = str(obj(mc, "target"), "recipient_id");
            if (brand != null && brand.equals(senderId)) {
                out.ignore(DMS, "echo");
                continue;
            }
            String account = brand != null ? brand : recipientId;
            JsonObject data = obj(mc, "message_data");
            JsonObject su = senderId == null ? null : obj(users, senderId);
            JsonObject ru = recipientId == null ? null : obj(users, recipientId);

            List<Attachment> attachments = new ArrayList<>();
            JsonObject attachment = obj(data, "attachment");
            if (attachment != null && "media".equals(str(attachment, "type"))) {
                Attachment a = mediaAttachment(obj(attachment, "media"));
                if (a != null) {
                    attachments.add(a);
                }
            }
            JsonObject attrs = new JsonObject();
            putIf(attrs, "quickReplyMetadata", text(obj(data, "quick_reply_response"), "metadata"));
            JsonObject via = obj(e, "initiated_via");
            putIf(attrs, "initiatedViaTweetId", str(via, "tweet_id"));
            putIf(attrs, "initiatedViaWelcomeMessageId", str(via, "welcome_message_id"));
            putIf(attrs, "sourceAppId", str(mc, "source_app_id"));

            Contact.Builder b = request.newContact()
                    .kind(ContactKind.MESSAGE)
                    .visibility(Visibility.PRIVATE)
                    .occurredAt(instant(e.getValue("created_timestamp")))
                    .sender(party(senderId, str(su, "screen_name"), text(su, "name")))
                    .recipient(account == null ? null
                            : new Endpoint("account", account, handle(str(ru, "screen_name")), text(ru, "name")))
                    .content(new Content(text(data, "text"), null, null, attachments))
                    .provider(new ProviderRef(PROVIDER, account, id, DMS))
                    .raw(request.rawRef().at("/" + DMS + "/" + i));
            out.add(withAttributes(b, attrs).build());
        }
    }

    /** Whether a tweet's mentions include the brand. */
    private static boolean mentions(JsonObject tweet, String brand) {
        if (brand == null) {
            return false;
        }
        for (JsonObject source : new JsonObject[] {tweet, obj(tweet, "extended_tweet")}) {
            JsonArray ms = arr(obj(source, "entities"), "user_mentions");
            if (ms == null) {
                continue;
            }
            for (int i = 0; i < ms.size(); i++) {
                JsonObject m = obj(ms, i);
                if (brand.equals(firstNonNull(str(m, "id_str"), str(m, "id")))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The brand's endpoint, named from the tweet's mention of it (or the replied-to screen name) when present. */
    private static Endpoint brandEndpoint(String brand, JsonObject tweet) {
        if (brand == null) {
            return null;
        }
        for (JsonObject source : new JsonObject[] {obj(tweet, "extended_tweet"), tweet}) {
            JsonArray ms = arr(obj(source, "entities"), "user_mentions");
            if (ms == null) {
                continue;
            }
            for (int i = 0; i < ms.size(); i++) {
                JsonObject m = obj(ms, i);
                if (brand.equals(firstNonNull(str(m, "id_str"), str(m, "id")))) {
                    return new Endpoint("account", brand, handle(str(m, "screen_name")), text(m, "name"));
                }
            }
        }
        String replyHandle = brand.equals(str(tweet, "in_reply_to_user_id_str")) ? str(tweet, "in_reply_to_screen_name")
                : null;
        return new Endpoint("account", brand, handle(replyHandle), null);
    }

    private static List<Attachment> media(JsonObject tweet) {
        JsonObject extended = obj(tweet, "extended_tweet");
        JsonArray media = firstNonNull(arr(obj(extended, "extended_entities"), "media"),
                arr(obj(extended, "entities"), "media"),
                arr(obj(tweet, "extended_entities"), "media"),
                arr(obj(tweet, "entities"), "media"));
        List<Attachment> out = new ArrayList<>();
        if (media == null) {
            return out;
        }
        for (int i = 0; i < media.size(); i++) {
            Attachment a = mediaAttachment(obj(media, i));
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    private static Attachment mediaAttachment(JsonObject m) {
        if (m == null) {
            return null;
        }
        String type = str(m, "type");
        String kind = type == null ? "file" : switch (type) {
            case "photo" -> "image";
            case "video", "animated_gif" -> "video";
            default -> "file";
        };
        String url = firstNonNull(str(m, "media_url_https"), str(m, "media_url"));
        String id = firstNonNull(str(m, "id_str"), str(m, "id"));
        if (url == null && id == null) {
            return null;
        }
        return new Attachment(kind, url, id, null, null, null, null, null);
    }

    private static Party party(String id, String screenName, String name) {
        return new Party(id == null ? null : new ProviderUserId(PROVIDER, "global", id, Assurance.PROVIDER),
                handle(screenName), name, null, null);
    }

    private static String handle(String screenName) {
        return screenName == null ? null : "@" + screenName;
    }

    private static Instant createdAt(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text, CREATED_AT).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Contact.Builder withAttributes(Contact.Builder b, JsonObject attrs) {
        return attrs.isEmpty() ? b : b.attributes(b.attributes().withNamespace(NAMESPACE, attrs));
    }

    private static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        return Future.succeededFuture(HttpReply.empty(200));
    }

    /** What one delivery yields, collected in order. */
    private static final class Batch {
        final List<Contact> contacts = new ArrayList<>();
        final List<Intake.Ignored> ignored = new ArrayList<>();

        void add(Contact c) {
            contacts.add(c);
        }

        void ignore(String type, String reason) {
            ignored.add(new Intake.Ignored(type, reason));
        }

        /** Counts each element of an event array (at least one, for an empty or odd value). */
        void ignoreEach(String type, Object value, String reason) {
            int n = value instanceof JsonArray a && !a.isEmpty() ? a.size() : 1;
            for (int i = 0; i < n; i++) {
                ignore(type, reason);
            }
        }
    }
}
