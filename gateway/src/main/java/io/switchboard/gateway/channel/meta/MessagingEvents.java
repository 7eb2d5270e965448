package io.switchboard.gateway.channel.meta;

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.switchboard.gateway.channel.internal.JsonFields.arr;
import static io.switchboard.gateway.channel.internal.JsonFields.bool;
import static io.switchboard.gateway.channel.internal.JsonFields.instant;
import static io.switchboard.gateway.channel.internal.JsonFields.obj;
import static io.switchboard.gateway.channel.internal.JsonFields.str;
import static io.switchboard.gateway.channel.internal.JsonFields.text;
import static io.switchboard.gateway.channel.meta.MetaBatch.firstNonNull;
import static io.switchboard.gateway.channel.meta.MetaBatch.putIf;

/**
 * Messenger and Instagram messaging events, {@code entry[].messaging[]} and {@code entry[].standby[]}
 * (PROTOCOLS.md 2.4, 2.6).
 *
 * <ul>
 *   <li>{@code message} → MESSAGE, PRIVATE; event id {@code mid}; sender id scoped to the Page or IG
 *       account ({@code entry.id}); attachments as URL references; {@code reply_to.mid} → in-reply-to.
 *       Echoes of the business's own messages are ignored ({@code echo}), unsent Instagram messages too
 *       ({@code deleted}).</li>
 *   <li>{@code delivery} / {@code read} → STATUS, event id {@code <sender>:<watermark>:delivery|read} (or
 *       {@code <mid>:…} when there is no watermark).</li>
 *   <li>Postbacks, reactions, opt-ins, referrals, account linking and handovers are acknowledged and
 *       counted as ignored ({@code unsupported}).</li>
 * </ul>
 */
final class MessagingEvents {

    private MessagingEvents() {
    }

    /**
     * @param entry    one {@code entry[]} element
     * @param pointer  its JSON Pointer
     * @param platform {@code messenger} or {@code instagram}
     * @param out      where to collect
     */
    static void parse(JsonObject entry, String pointer, String platform, MetaBatch out) {
        String account = str(entry, "id");
        for (String list : new String[] {"messaging", "standby"}) {
            Object v = entry.getValue(list);
            if (v == null) {
                continue;
            }
            if (!(v instanceof JsonArray events)) {
                out.ignore("messages", "malformed");
                continue;
            }
            for (int j = 0; j < events.size(); j++) {
                event(obj(events, j), pointer + "/" + list + "/" + j, account, platform, list.equals("standby"), out);
            }
        }
    }

    private static void event(JsonObject e, String pointer, String entryAccount, String platform, boolean standby,
                              MetaBatch out) {
        if (e == null) {
            out.ignore("messages", "malformed");
            return;
        }
        JsonObject message = obj(e, "message");
        if (message != null) {
            message(e, message, pointer, entryAccount, platform, standby, out);
        } else if (obj(e, "delivery") != null) {
            status(e, obj(e, "delivery"), "delivery", "delivered", "message_deliveries", pointer, entryAccount,
                    platform, out);
        } else if (obj(e, "read") != null) {
            status(e, obj(e, "read"), "read", "read", "message_reads", pointer, entryAccount, platform, out);
        } else {
            out.ignore(otherType(e), "unsupported");
        }
    }

    private static String otherType(JsonObject e) {
        if (e.containsKey("postback")) {
            return "messaging_postbacks";
        }
        if (e.containsKey("reaction")) {
            return "message_reactions";
        }
        if (e.containsKey("optin")) {
            return "messaging_optins";
        }
        if (e.containsKey("referral")) {
            return "messaging_referrals";
        }
        if (e.containsKey("account_linking")) {
            return "messaging_account_linking";
        }
        if (e.containsKey("pass_thread_control") || e.containsKey("take_thread_control")
                || e.containsKey("request_thread_control")) {
            return "messaging_handovers";
        }
        return "messaging";
    }

    private static void message(JsonObject e, JsonObject message, String pointer, String entryAccount, String platform,
                                boolean standby, MetaBatch out) {
        if (Boolean.TRUE.equals(bool(message, "is_echo"))) {
            out.ignore("messages", "echo");
            return;
        }
        if (Boolean.TRUE.equals(bool(message, "is_deleted"))) {
            out.ignore("messages", "deleted");
            return;
        }
        String mid = str(message, "mid");
        if (mid == null) {
            out.ignore("messages", "malformed");
            return;
        }
        String senderId = str(obj(e, "sender"), "id");
        String recipientId = str(obj(e, "recipient"), "id");
        String account = firstNonNull(entryAccount, recipientId);

        JsonObject attrs = new JsonObject().put("platform", platform);
        if (standby) {
            attrs.put("standby", true);
        }
        putIf(attrs, "quickReplyPayload", text(obj(message, "quick_reply"), "payload"));
        if (Boolean.TRUE.equals(bool(message, "is_unsupported"))) {
            attrs.put("unsupported", true);
        }
        JsonObject replyTo = obj(message, "reply_to");
        putIf(attrs, "replyToStoryId", str(obj(replyTo, "story"), "id"));

        Contact.Builder b = out.newContact(pointer)
                .kind(ContactKind.MESSAGE)
                .visibility(Visibility.PRIVATE)
                .occurredAt(instant(e.getValue("timestamp")))
                .sender(sender(senderId, account))
                .recipient(recipient(platform, firstNonNull(recipientId, account)))
                .content(new Content(text(message, "text"), null, null, attachments(arr(message, "attachments"))))
                .thread(new ThreadRef(null, str(replyTo, "mid"), null))
                .provider(new ProviderRef(MetaBatch.PROVIDER, account, mid, "messages"));
        out.add(b, attrs);
    }

    private static void status(JsonObject e, JsonObject s, String suffix, String status, String eventType,
                               String pointer, String entryAccount, String platform, MetaBatch out) {
        String senderId = str(obj(e, "sender"), "id");
        String recipientId = str(obj(e, "recipient"), "id");
        String account = firstNonNull(entryAccount, recipientId);
        List<String> mids = new ArrayList<>();
        JsonArray listed = arr(s, "mids");
        if (listed != null) {
            for (int i = 0; i < listed.size(); i++) {
                if (listed.getValue(i) instanceof String m && !m.isBlank()) {
                    mids.add(m);
                }
            }
        }
        String single = str(s, "mid");
        if (single != null && !mids.contains(single)) {
            mids.add(single);
        }
        String watermark = str(s, "watermark");
        String key = watermark != null ? (senderId == null ? watermark : senderId + ":" + watermark)
                : mids.isEmpty() ? null : mids.get(0);
        if (key == null) {
            out.ignore(eventType, "malformed");
            return;
        }
        JsonObject attrs = new JsonObject().put("platform", platform).put("status", status);
        putIf(attrs, "watermark", watermark);
        if (!mids.isEmpty()) {
            attrs.put("mids", new JsonArray(new ArrayList<>(mids)));
        }
        Instant at = firstNonNull(instant(e.getValue("timestamp")), instant(watermark));
        Contact.Builder b = out.newContact(pointer)
                .kind(ContactKind.STATUS)
                .visibility(Visibility.PRIVATE)
                .occurredAt(at)
                .sender(sender(senderId, account))
                .recipient(recipient(platform, firstNonNull(recipientId, account)))
                .thread(new ThreadRef(null, mids.isEmpty() ? null : mids.get(0), null))
                .provider(new ProviderRef(MetaBatch.PROVIDER, account, key + ":" + suffix, eventType));
        out.add(b, attrs);
    }

    private static Party sender(String id, String scope) {
        if (id == null || scope == null) {
            return Party.UNKNOWN;
        }
        return Party.UNKNOWN.withUserId(new ProviderUserId(MetaBatch.PROVIDER, scope, id, Assurance.PROVIDER));
    }

    private static Endpoint recipient(String platform, String id) {
        return id == null ? null : new Endpoint(platform.equals("instagram") ? "account" : "page", id, null, null);
    }

    private static List<Attachment> attachments(JsonArray list) {
        List<Attachment> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonObject a = obj(list, i);
            if (a == null) {
                continue;
            }
            JsonObject payload = obj(a, "payload");
            String type = str(a, "type");
            String kind = type == null ? "file" : switch (type) {
                case "image" -> str(payload, "sticker_id") != null ? "sticker" : "image";
                case "video", "reel", "ig_reel" -> "video";
                case "audio", "file", "location", "template", "fallback", "share", "story_mention" -> type;
                default -> "file";
            };
            out.add(new Attachment(kind, str(payload, "url"), firstNonNull(str(payload, "reel_video_id"),
                    str(payload, "sticker_id")), null, null, null, null,
                    firstNonNull(text(payload, "title"), text(a, "title"))));
        }
        return out;
    }
}
