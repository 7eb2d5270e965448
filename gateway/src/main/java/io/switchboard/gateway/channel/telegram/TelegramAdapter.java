package io.switchboard.gateway.channel.telegram;

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
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.switchboard.gateway.channel.internal.JsonFields.arr;
import static io.switchboard.gateway.channel.internal.JsonFields.bool;
import static io.switchboard.gateway.channel.internal.JsonFields.obj;
import static io.switchboard.gateway.channel.internal.JsonFields.str;
import static io.switchboard.gateway.channel.internal.JsonFields.text;

/**
 * Speaks the Telegram Bot API's webhook (PROTOCOLS.md 5): checks {@code X-Telegram-Bot-Api-Secret-Token}
 * against the configured secret in constant time, then turns each Update's {@code message},
 * {@code edited_message}, {@code business_message} or {@code edited_business_message} in a private chat into a
 * private MESSAGE contact. Every other update kind (channel posts, callback and inline queries, chat member and
 * reaction updates, …) and messages in groups are acknowledged and counted, not stored. Answers 200 with an
 * empty body.
 *
 * <p>The secret token does not cover the body, so the body is read as untrusted input: every field is type
 * checked and a wrong type reads as absent. Only a body that is not an Update at all (not a JSON object, no
 * positive integer {@code update_id}) is a 400.
 *
 * <p>De-duplication: {@code update_id} is unique per bot, so the event id is {@code <botId>:<update_id>}.
 */
final class TelegramAdapter implements ChannelAdapter {

    /** Provider name in provider refs and user ids. */
    static final String PROVIDER = "telegram";
    /** Attribute namespace. */
    static final String NAMESPACE = "telegram";
    /** The secret header. */
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    /** The message-carrying update kinds this channel stores. */
    static final List<String> MESSAGE_KINDS = List.of("message", "edited_message", "business_message",
            "edited_business_message");
    /** The other update kinds of the Bot API; anything else is counted as {@code unknown}. */
    static final Set<String> OTHER_KINDS = Set.of("channel_post", "edited_channel_post", "business_connection",
            "deleted_business_messages", "message_reaction", "message_reaction_count", "inline_query",
            "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media",
            "poll", "poll_answer", "my_chat_member", "chat_member", "chat_join_request", "chat_boost",
            "removed_chat_boost");

    /** Media fields of a Message, in the order they are read, and the attachment kind each becomes. */
    private static final String[][] MEDIA = {{"animation", "video"}, {"audio", "audio"}, {"document", "file"},
            {"video", "video"}, {"video_note", "video"}, {"voice", "audio"}, {"sticker", "sticker"}};
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$");

    private final byte[] secretDigest;
    private final String botId;
    private final String botUsername;
    private final PhoneNumbers phones;

    TelegramAdapter(ChannelInitContext ctx) {
        this.secretDigest = sha256(ctx.config().getString("secretToken"));
        this.botId = ctx.config().getString("botId");
        String u = ctx.config().getString("botUsername");
        this.botUsername = u == null ? null : u.startsWith("@") ? u : "@" + u;
        this.phones = ctx.phoneNumbers();
    }

    /** Compares digests, so neither the content nor the length of the secret leaks through timing. */
    @Override
    public void verify(InboundRequest request) {
        List<String> given = request.headers().getAll(SECRET_HEADER);
        if (given.isEmpty()) {
            throw RequestRejectedException.unauthorized("secret-missing");
        }
        if (given.size() != 1 || !MessageDigest.isEqual(sha256(given.get(0)), secretDigest)) {
            throw RequestRejectedException.unauthorized("secret-invalid");
        }
    }

    @Override
    public Intake parse(InboundRequest request) {
        JsonObject update = request.jsonObject();
        Object rawId = update.getValue("update_id");
        if (!(rawId instanceof Integer || rawId instanceof Long || rawId instanceof BigInteger)
                || new BigInteger(rawId.toString()).signum() <= 0 || rawId.toString().length() > 19) {
            throw RequestRejectedException.malformed("missing-field", "'update_id' must be a positive integer");
        }
        String updateId = rawId.toString();
        for (String kind : MESSAGE_KINDS) {
            if (update.containsKey(kind)) {
                return message(request, kind, obj(update, kind), updateId);
            }
        }
        for (String key : update.fieldNames()) {
            if (!key.equals("update_id")) {
                return ignored(OTHER_KINDS.contains(key) ? key : "unknown", "unsupported");
            }
        }
        return ignored("unknown", "unsupported");
    }

    private Intake message(InboundRequest request, String kind, JsonObject m, String updateId) {
        JsonObject chat = obj(m, "chat");
        if (m == null || str(m, "message_id") == null || str(chat, "id") == null) {
            return ignored(kind, "malformed");
        }
        if (!"private".equals(str(chat, "type"))) {
            return ignored(kind, "not-private");
        }
        JsonObject from = obj(m, "from");
        String fromId = str(from, "id");
        Party sender = Party.UNKNOWN;
        if (fromId != null) {
            String name = join(text(from, "first_name"), text(from, "last_name"));
            String username = str(from, "username");
            sender = new Party(new ProviderUserId(PROVIDER, "global", fromId, Assurance.PROVIDER),
                    username == null ? null : "@" + username, name, null, null);
        }

        List<Attachment> attachments = new ArrayList<>();
        String caption = text(m, "caption");
        JsonArray photos = arr(m, "photo");
        if (photos != null) {
            Attachment a = photo(photos, caption);
            if (a != null) {
                attachments.add(a);
            }
        }
        for (String[] media : MEDIA) {
            Attachment a = file(obj(m, media[0]), media[1], caption);
            if (a != null) {
                attachments.add(a);
            }
        }
        Attachment location = location(obj(m, "location"), obj(m, "venue"));
        if (location != null) {
            attachments.add(location);
        }
        JsonObject attrs = new JsonObject().put("chatId", str(chat, "id")).put("messageId", str(m, "message_id"));
        if (obj(m, "voice") != null) {
            attrs.put("voice", true);
        }
        JsonObject contact = obj(m, "contact");
        if (contact != null) {
            String phone = str(contact, "phone_number");
            // Only the sender's own number (shared with the contact button) identifies the sender.
            if (phone != null && fromId != null && fromId.equals(str(contact, "user_id"))) {
                sender = sender.withPhone(phones.normalise(phone, null, Assurance.PROVIDER));
                attrs.put("sharedOwnContact", true);
            } else {
                attrs.put("sharedContact", true);
            }
        }
        boolean edited = kind.startsWith("edited_");
        if (edited) {
            attrs.put("edited", true);
        }
        if (kind.contains("business")) {
            putIf(attrs, "businessConnectionId", text(m, "business_connection_id"));
        }
        String language = str(from, "language_code");
        if (language != null && LANGUAGE.matcher(language).matches()) {
            attrs.put("languageCode", language);
        }
        putIf(attrs, "mediaGroupId", str(m, "media_group_id"));
        JsonObject sticker = obj(m, "sticker");
        String text = firstNonNull(text(m, "text"), caption, text(sticker, "emoji"));
        if (Boolean.TRUE.equals(bool(from, "is_bot"))) {
            attrs.put("fromBot", true);
        }

        JsonObject replyTo = obj(m, "reply_to_message");
        Instant occurred = instant(m.getValue(edited ? "edit_date" : "date"));
        if (occurred == null && edited) {
            occurred = instant(m.getValue("date"));
        }
        Contact.Builder b = request.newContact()
                .kind(ContactKind.MESSAGE)
                .visibility(Visibility.PRIVATE)
                .occurredAt(occurred)
                .sender(sender)
                .recipient(new Endpoint("bot", botId, botUsername, null))
                .content(new Content(text, null, null, attachments))
                .thread(new ThreadRef(str(chat, "id"), str(replyTo, "message_id"), null))
                .provider(new ProviderRef(PROVIDER, botId, botId + ":" + updateId, kind))
                .raw(request.rawRef().at("/" + kind));
        b.attributes(b.attributes().withNamespace(NAMESPACE, attrs));
        return Intake.of(b.build());
    }

    /** The largest size of a photo (Telegram lists sizes smallest first). */
    private static Attachment photo(JsonArray sizes, String caption) {
        for (int i = sizes.size() - 1; i >= 0; i--) {
            JsonObject s = obj(sizes, i);
            if (str(s, "file_id") != null) {
                return new Attachment("image", null, str(s, "file_id"), null, null, size(s), null, caption);
            }
        }
        return null;
    }

    private static Attachment file(JsonObject f, String kind, String caption) {
        if (f == null || str(f, "file_id") == null) {
            return null;
        }
        String mime = str(f, "mime_type");
        return new Attachment(kind, null, str(f, "file_id"), mime != null && mime.length() <= 127 ? mime : null,
                text(f, "file_name"), size(f), null, caption);
    }

    private static Attachment location(JsonObject loc, JsonObject venue) {
        if (loc == null) {
            return null;
        }
        Object lat = loc.getValue("latitude");
        Object lon = loc.getValue("longitude");
        if (!(lat instanceof Number) || !(lon instanceof Number)) {
            return null;
        }
        String geo = "geo:" + new BigDecimal(lat.toString()).toPlainString() + ","
                + new BigDecimal(lon.toString()).toPlainString();
        String caption = venue == null ? null : join(text(venue, "title"), text(venue, "address"));
        return new Attachment("location", geo, null, null, null, null, null, caption);
    }

    private static Long size(JsonObject f) {
        Object v = f.getValue("file_size");
        return (v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= 0 ? ((Number) v).longValue()
                : null;
    }

    /** Telegram dates are Unix seconds as numbers. */
    private static Instant instant(Object v) {
        if (!(v instanceof Integer || v instanceof Long)) {
            return null;
        }
        long s = ((Number) v).longValue();
        return s > 0 && s < 100_000_000_000L ? Instant.ofEpochSecond(s) : null;
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b == null || b.isBlank() ? null : b;
        }
        return b == null || b.isBlank() ? a : a + " " + b;
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

    private static Intake ignored(String type, String reason) {
        return new Intake(List.of(), List.of(new Intake.Ignored(type, reason)));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        return Future.succeededFuture(HttpReply.empty(200));
    }
}
