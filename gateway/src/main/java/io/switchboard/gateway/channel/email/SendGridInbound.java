package io.switchboard.gateway.channel.email;

import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.FormUpload;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Attachment;
import io.vertx.core.json.JsonObject;
import org.apache.james.mime4j.dom.Header;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.switchboard.gateway.channel.email.InboundEmail.Forms;

/**
 * SendGrid Inbound Parse (PROTOCOLS.md 6.1): a {@code multipart/form-data} post, either parsed ({@code headers},
 * {@code from}, {@code to}, {@code cc}, {@code subject}, {@code text}, {@code html}, files {@code attachment1..N}
 * described by {@code attachment-info}) or, with "POST the raw, full MIME message", the whole message in the
 * {@code email} field. Both carry {@code envelope} (the SMTP envelope, the true sender and recipients),
 * {@code charsets} (the charset of each field), {@code SPF}, {@code dkim}, {@code spam_score} and
 * {@code sender_ip}. Fields that {@code charsets} says are not UTF-8 are re-read from their bytes.
 */
final class SendGridInbound implements InboundEmail {

    /** Provider name in provider refs. */
    static final String PROVIDER = "sendgrid";

    private static final Set<String> TEXT_FIELDS = Set.of("headers", "from", "to", "cc", "subject", "text", "html");

    private final SendGridAuth auth;

    SendGridInbound(SendGridAuth auth) {
        this.auth = auth;
    }

    @Override
    public void verify(InboundRequest request) {
        auth.verify(request);
    }

    @Override
    public Mail read(InboundRequest request) {
        FormFields f = Forms.fields(request);
        if (f.get("email") == null && f.get("headers") == null && f.get("envelope") == null && f.get("from") == null) {
            throw RequestRejectedException.malformed("not-inbound-email",
                    "an Inbound Parse post has an email, headers, envelope or from field");
        }
        JsonObject charsets = Forms.object(f.get("charsets"));
        Set<String> wanted = new HashSet<>();
        if (f.get("email") != null) {
            wanted.add("email");
        }
        if (charsets != null) {
            for (String name : TEXT_FIELDS) {
                Object cs = charsets.getValue(name);
                if (cs instanceof String s && f.get(name) != null && !isUtf8(s)) {
                    wanted.add(name);
                }
            }
        }
        Map<String, byte[]> bytes = wanted.isEmpty() || !request.mediaType().equals("multipart/form-data") ? Map.of()
                : Mime.formParts(request.headers().get("Content-Type"), request.body().getBytes(), wanted);

        Mail m = new Mail();
        m.provider = PROVIDER;
        JsonObject envelope = Forms.object(f.get("envelope"));
        if (envelope != null) {
            m.envelopeFrom = Mime.normalAddress(envelope.getValue("from") instanceof String s ? s : null);
            for (String to : Forms.strings(envelope.getValue("to"))) {
                String a = Mime.normalAddress(to);
                if (a != null) {
                    m.envelopeTo.add(a);
                }
            }
        }
        String raw = f.get("email");
        if (raw != null) {
            byte[] mime = bytes.getOrDefault("email", raw.getBytes(StandardCharsets.UTF_8));
            Mime.readRaw(m, mime);
        } else {
            readParsed(m, f, request.uploads(), name -> {
                byte[] b = bytes.get(name);
                return b == null ? f.get(name) : new String(b, Mime.charset(charsets.getString(name)));
            });
            m.fingerprint = Forms.fingerprint(f, request.uploads(), Set.of());
        }
        Forms.verdict(m.extra, "spf", f.get("SPF"));
        Forms.verdict(m.extra, "dkim", f.get("dkim"));
        Forms.verdict(m.extra, "spamScore", f.get("spam_score"));
        Forms.verdict(m.extra, "senderIp", f.get("sender_ip"));
        return m;
    }

    private void readParsed(Mail m, FormFields f, List<FormUpload> uploads,
                            java.util.function.Function<String, String> value) {
        m.mode = "parsed";
        String headerBlock = value.apply("headers");
        Header h = headerBlock == null || headerBlock.isBlank() ? null : Mime.headers(headerBlock);
        List<Mail.Address> from = Mime.addresses(value.apply("from"));
        if (from.isEmpty() && h != null) {
            from = Mime.addresses(Mime.field(h, "From"));
        }
        m.headerFrom = from.isEmpty() ? null : from.get(0);
        String to = value.apply("to");
        m.to.addAll(Mime.addresses(to != null ? to : Mime.field(h, "To")));
        String cc = value.apply("cc");
        m.cc.addAll(Mime.addresses(cc != null ? cc : Mime.field(h, "Cc")));
        m.replyTo.addAll(Mime.addresses(Mime.field(h, "Reply-To")));
        String subject = value.apply("subject");
        m.subject = subject != null ? subject : Mime.subject(h);
        m.text = value.apply("text");
        m.html = value.apply("html");
        Mime.headerIds(m, h);
        JsonObject info = Forms.object(f.get("attachment-info"));
        for (FormUpload u : uploads) {
            JsonObject i = info == null || !(info.getValue(u.field()) instanceof JsonObject o) ? new JsonObject() : o;
            String filename = u.filename() != null && !u.filename().isBlank() ? u.filename()
                    : i.getValue("filename") instanceof String s ? s : i.getValue("name") instanceof String s2 ? s2 : null;
            String type = i.getValue("type") instanceof String t && !t.isBlank() ? t : u.contentType();
            m.attachments.add(new Attachment(Mime.kind(type), null, "multipart:" + u.field(), type, filename,
                    u.size(), null, null));
        }
    }

    private static boolean isUtf8(String charset) {
        Charset c = Mime.charset(charset);
        return c.equals(StandardCharsets.UTF_8);
    }
}
