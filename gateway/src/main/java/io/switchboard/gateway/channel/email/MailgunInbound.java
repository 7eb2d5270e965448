package io.switchboard.gateway.channel.email;

import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.FormUpload;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Attachment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.james.mime4j.dom.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static io.switchboard.gateway.channel.email.InboundEmail.Forms;

/**
 * Mailgun routes (PROTOCOLS.md 6.2): a {@code forward()} action posts the parsed message
 * ({@code multipart/form-data} with files {@code attachment-1..N}, or url-encoded without them) with the
 * signature triple {@code timestamp}, {@code token}, {@code signature} as ordinary fields; a route URL ending in
 * {@code mime} gets the whole message in {@code body-mime}; {@code store(notify=…)} posts {@code attachments} as
 * JSON references with URLs. Event webhooks (JSON {@code {"signature":{…},"event-data":{…}}}) are verified the same
 * way and acknowledged without a contact.
 *
 * <p>The signature covers only the timestamp and the token, not the body: the timestamp must be inside the
 * replay window and a token may not come back with another body ({@link TokenReplayGuard}). The body is
 * untrusted input even then.
 */
final class MailgunInbound implements InboundEmail {

    /** Provider name in provider refs. */
    static final String PROVIDER = "mailgun";

    private static final Set<String> SIGNATURE_FIELDS = Set.of("timestamp", "token", "signature");

    private final byte[] signingKey;
    private final TokenReplayGuard guard;

    MailgunInbound(byte[] signingKey, TokenReplayGuard guard) {
        this.signingKey = signingKey;
        this.guard = guard;
    }

    @Override
    public void verify(InboundRequest request) {
        String timestamp;
        String token;
        String signature;
        if (isJson(request)) {
            JsonObject sig = request.jsonObject().getValue("signature") instanceof JsonObject o ? o : new JsonObject();
            timestamp = scalar(sig.getValue("timestamp"));
            token = scalar(sig.getValue("token"));
            signature = scalar(sig.getValue("signature"));
        } else {
            FormFields f = Forms.fields(request);
            timestamp = f.get("timestamp");
            token = f.get("token");
            signature = f.get("signature");
        }
        if (timestamp == null || token == null || signature == null) {
            throw RequestRejectedException.unauthorized("signature-missing");
        }
        if (!MailgunSignatures.verify(signingKey, timestamp, token, signature)) {
            throw RequestRejectedException.unauthorized("signature-invalid");
        }
        if (timestamp.length() > 12 || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw RequestRejectedException.unauthorized("stale-timestamp");
        }
        guard.claim(Long.parseLong(timestamp), token, Forms.sha256(request.body().getBytes()));
    }

    @Override
    public Mail read(InboundRequest request) {
        if (isJson(request)) {
            if (request.jsonObject().getValue("event-data") instanceof JsonObject) {
                return null;
            }
            throw RequestRejectedException.malformed("not-inbound-email", "a JSON post must be a Mailgun event");
        }
        FormFields f = Forms.fields(request);
        if (f.get("body-mime") == null && f.get("message-headers") == null && f.get("sender") == null
                && f.get("from") == null && f.get("recipient") == null) {
            throw RequestRejectedException.malformed("not-inbound-email",
                    "a route post has body-mime, message-headers, sender, from or recipient");
        }
        Mail m = new Mail();
        m.provider = PROVIDER;
        m.envelopeFrom = Mime.normalAddress(f.get("sender"));
        String recipient = f.get("recipient");
        if (recipient != null) {
            for (String r : recipient.split(",", Mime.MAX_LIST)) {
                String a = Mime.normalAddress(r);
                if (a != null) {
                    m.envelopeTo.add(a);
                }
            }
        }
        String mime = f.get("body-mime");
        Header h;
        if (mime != null) {
            byte[] bytes = request.mediaType().equals("multipart/form-data")
                    ? Mime.formParts(request.headers().get("Content-Type"), request.body().getBytes(),
                    Set.of("body-mime")).getOrDefault("body-mime", mime.getBytes(StandardCharsets.UTF_8))
                    : mime.getBytes(StandardCharsets.UTF_8);
            h = Mime.readRaw(m, bytes);
        } else {
            m.mode = "parsed";
            h = headers(f);
            List<Mail.Address> from = Mime.addresses(first(f.get("from"), Mime.field(h, "From")));
            m.headerFrom = from.isEmpty() ? null : from.get(0);
            m.to.addAll(Mime.addresses(first(Mime.field(h, "To"), f.get("To"))));
            m.cc.addAll(Mime.addresses(first(Mime.field(h, "Cc"), f.get("Cc"))));
            m.replyTo.addAll(Mime.addresses(first(Mime.field(h, "Reply-To"), f.get("Reply-To"))));
            m.subject = f.get("subject") != null ? f.get("subject") : Mime.subject(h);
            m.text = f.get("body-plain");
            m.html = f.get("body-html");
            Mime.headerIds(m, h);
            for (FormUpload u : request.uploads()) {
                m.attachments.add(new Attachment(Mime.kind(u.contentType()), null, "multipart:" + u.field(),
                        u.contentType(), u.filename(), u.size(), null, null));
            }
            storedAttachments(m, Forms.json(f.get("attachments")));
            m.fingerprint = Forms.fingerprint(f, request.uploads(), SIGNATURE_FIELDS);
        }
        Forms.verdict(m.extra, "spf", Mime.field(h, "X-Mailgun-Spf"));
        Forms.verdict(m.extra, "dkim", Mime.field(h, "X-Mailgun-Dkim-Check-Result"));
        Forms.verdict(m.extra, "spamFlag", Mime.field(h, "X-Mailgun-Sflag"));
        Forms.verdict(m.extra, "spamScore", Mime.field(h, "X-Mailgun-Sscore"));
        return m;
    }

    @Override
    public String ignoredEventType() {
        return "mailgun-event";
    }

    /**
     * The message's headers: {@code message-headers} (a JSON list of {@code [name, value]} pairs), with the
     * top-level copies of the threading headers filling any gap.
     */
    private static Header headers(FormFields f) {
        StringBuilder block = new StringBuilder();
        Object list = Forms.json(f.get("message-headers"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (list instanceof JsonArray pairs) {
            int n = 0;
            for (Object p : pairs) {
                if (p instanceof JsonArray pair && pair.size() == 2 && pair.getValue(0) instanceof String name
                        && pair.getValue(1) instanceof String value && n++ < 2000) {
                    appendField(block, name, value, seen);
                }
            }
        }
        for (String name : List.of("Message-Id", "In-Reply-To", "References", "Date", "From", "To", "Cc",
                "Reply-To", "Subject")) {
            String v = f.get(name);
            if (v != null) {
                appendField(block, name, v, seen);
            }
        }
        return block.length() == 0 ? null : Mime.headers(block.toString());
    }

    private static void appendField(StringBuilder block, String name, String value, java.util.Set<String> seen) {
        if (name.isEmpty() || name.length() > 200 || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            return;
        }
        String key = name.toLowerCase(java.util.Locale.ROOT);
        if (!seen.add(key) && Set.of("message-id", "in-reply-to", "references", "date", "from", "to", "cc",
                "reply-to", "subject").contains(key)) {
            return; // the first wins: the JSON list over the top-level copies
        }
        block.append(name).append(": ").append(value.replace('\r', ' ').replace('\n', ' ')).append("\r\n");
    }

    private static void storedAttachments(Mail m, Object json) {
        if (!(json instanceof JsonArray arr)) {
            return;
        }
        for (Object o : arr) {
            if (o instanceof JsonObject a && m.attachments.size() < Mime.MAX_PARTS) {
                String url = a.getValue("url") instanceof String s ? s : null;
                String type = a.getValue("content-type") instanceof String s ? s : null;
                String name = a.getValue("name") instanceof String s ? s : null;
                Long size = a.getValue("size") instanceof Number n ? Long.valueOf(n.longValue()) : null;
                if (url != null || name != null) {
                    m.attachments.add(new Attachment(Mime.kind(type), url, null, type, name, size, null, null));
                }
            }
        }
    }

    private static boolean isJson(InboundRequest request) {
        String mt = request.mediaType();
        return mt.equals("application/json") || mt.endsWith("+json");
    }

    private static String scalar(Object v) {
        return v instanceof String s ? s : v instanceof Number n && !(v instanceof Double) ? n.toString() : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
