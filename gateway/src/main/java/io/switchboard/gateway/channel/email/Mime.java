package io.switchboard.gateway.channel.email;

import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Attachment;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MIME with Apache James mime4j: full messages (SendGrid's raw mode, Mailgun's {@code body-mime}), header blocks
 * (SendGrid's {@code headers} field, Mailgun's {@code message-headers}) and the raw bytes of form parts (for
 * fields whose charset is not UTF-8). Everything here reads untrusted input: the parser is lenient (a
 * malformed header or part is skipped, never fatal), bodies stay in memory (no temporary files), nesting and
 * list sizes are capped, and any parser failure is a 400.
 */
final class Mime {

    /** Deepest multipart nesting walked; deeper parts are ignored. */
    static final int MAX_DEPTH = 16;
    /** Most parts (leaf bodies) looked at in one message. */
    static final int MAX_PARTS = 500;
    /** Most addresses or message ids kept from one header. */
    static final int MAX_LIST = 100;
    /** Longest message id kept (RFC 5322 lines are at most 998 characters). */
    static final int MAX_ID = 998;

    private static final MimeConfig CONFIG = MimeConfig.custom()
            .setMaxLineLen(-1)          // real mail has very long HTML lines; the body limit bounds memory
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(2000)
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .build();

    private Mime() {
    }

    /** What a MIME body holds: its text, its HTML and its attachments. */
    static final class Parts {
        String text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
        int leaves;
    }

    /**
     * Parses a full message.
     *
     * @param bytes the message
     * @return the message tree
     * @throws RequestRejectedException 400 when it cannot be parsed at all
     */
    static Message parse(byte[] bytes) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(CONFIG);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        builder.setBodyFactory(new BasicBodyFactory());
        try {
            return builder.parseMessage(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw RequestRejectedException.malformed("malformed-mime", "the email is not a MIME message");
        }
    }

    /**
     * Parses a block of header lines (no body).
     *
     * @param block the header lines, CRLF or LF separated
     * @return the header
     */
    static Header headers(String block) {
        String b = block.endsWith("\n") ? block : block + "\r\n";
        return parse((b + "\r\n").getBytes(StandardCharsets.UTF_8)).getHeader();
    }

    /**
     * Walks a message's body: the first text/plain and text/html parts that are not attachments become the
     * text and the HTML; every other leaf is an attachment reference (content stays in the raw payload) whose
     * provider id is {@code mime:<part>}, the part numbered as IMAP sections are ({@code 2}, {@code 1.2}).
     *
     * @param message the message
     * @return the parts
     */
    static Parts parts(Message message) {
        Parts out = new Parts();
        walk(message, "", 0, out);
        return out;
    }

    private static void walk(Entity entity, String path, int depth, Parts out) {
        Body body = entity.getBody();
        if (body instanceof Multipart mp) {
            if (depth >= MAX_DEPTH) {
                return;
            }
            List<Entity> children = mp.getBodyParts();
            for (int i = 0; i < children.size() && out.leaves < MAX_PARTS; i++) {
                walk(children.get(i), path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1), depth + 1, out);
            }
            return;
        }
        if (!(body instanceof SingleBody single)) {
            return;
        }
        out.leaves++;
        String mime = lower(entity.getMimeType());
        String disposition = lower(entity.getDispositionType());
        String filename = entity.getFilename();
        boolean attachment = "attachment".equals(disposition) || filename != null;
        if (!attachment && mime.equals("text/plain") && out.text == null) {
            out.text = text(single, entity.getCharset());
            return;
        }
        if (!attachment && mime.equals("text/html") && out.html == null) {
            out.html = text(single, entity.getCharset());
            return;
        }
        out.attachments.add(new Attachment(kind(mime), null, "mime:" + (path.isEmpty() ? "1" : path), mime.isEmpty() ? null : mime, filename,
                size(single), null, null));
    }

    private static Long size(SingleBody body) {
        try {
            return body.size();
        } catch (IOException e) {
            return null;
        }
    }

    /** Attachment kind from a MIME type. */
    static String kind(String mime) {
        String m = lower(mime);
        if (m.startsWith("image/")) {
            return "image";
        }
        if (m.startsWith("audio/")) {
            return "audio";
        }
        if (m.startsWith("video/")) {
            return "video";
        }
        return "file";
    }

    private static String text(SingleBody body, String charset) {
        try (InputStream in = body.getInputStream()) {
            return new String(in.readAllBytes(), charset(charset));
        } catch (IOException e) {
            throw RequestRejectedException.malformed("malformed-mime", "a text part cannot be read");
        }
    }

    /**
     * @param name a charset name from the message
     * @return the charset, or UTF-8 when the name is absent, illegal or unsupported
     */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            String n = name.strip();
            // Mail says us-ascii where it means "7-bit": read it as UTF-8, a superset that does not mangle 8-bit.
            return n.equalsIgnoreCase("us-ascii") ? StandardCharsets.UTF_8 : Charset.forName(n);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * @param header a header
     * @param name   a field name
     * @return the field's unfolded body, or null when absent
     */
    static String field(Header header, String name) {
        Field f = header == null ? null : header.getField(name);
        return f == null ? null : f.getBody();
    }

    /** @return the header's Date, or null when absent or unparseable */
    static Instant date(Header header) {
        if (header == null || header.getField("Date") == null) {
            return null;
        }
        try {
            Message m = new DefaultMessageBuilder().newMessage();
            m.setHeader(header);
            Date d = m.getDate();
            return d == null ? null : d.toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return the header's decoded Subject, or null */
    static String subject(Header header) {
        if (header == null || header.getField("Subject") == null) {
            return null;
        }
        Message m = new DefaultMessageBuilder().newMessage();
        m.setHeader(header);
        return m.getSubject();
    }

    /**
     * Extracts message ids ({@code <id-left@id-right>}) from a Message-ID, In-Reply-To or References value,
     * without their angle brackets; a value without brackets counts as one id when it has no spaces.
     *
     * @param value the field body; nullable
     * @return the ids in order, at most {@link #MAX_LIST}
     */
    static List<String> messageIds(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        int i = 0;
        while (i < value.length() && out.size() < MAX_LIST) {
            int open = value.indexOf('<', i);
            if (open < 0) {
                break;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            String id = value.substring(open + 1, close).strip();
            if (!id.isEmpty() && id.length() <= MAX_ID && id.chars().noneMatch(c -> c <= ' ' || c == '<')) {
                out.add(id);
            }
            i = close + 1;
        }
        if (out.isEmpty()) {
            String v = value.strip();
            if (!v.isEmpty() && v.length() <= MAX_ID && v.chars().noneMatch(c -> c <= ' ' || c == '<' || c == '>')) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Parses an address list leniently ({@code Jane Doe <jane@example.com>, bob@example.org}); groups are
     * flattened; entries without an address are skipped.
     *
     * @param value the header value; nullable
     * @return the addresses (lower-cased) with their decoded display names, at most {@link #MAX_LIST}
     */
    static List<Mail.Address> addresses(String value) {
        List<Mail.Address> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        AddressList list;
        try {
            list = LenientAddressParser.DEFAULT.parseAddressList(value);
        } catch (RuntimeException e) {
            return out;
        }
        for (Address a : list) {
            List<Mailbox> boxes = a instanceof Mailbox m ? List.of(m)
                    : a instanceof Group g ? g.getMailboxes() : List.of();
            for (Mailbox m : boxes) {
                Mail.Address ma = address(m);
                if (ma != null && out.size() < MAX_LIST) {
                    out.add(ma);
                }
            }
        }
        return out;
    }

    /** @return the mailboxes of a From-like header, as addresses */
    static List<Mail.Address> mailboxes(MailboxList list) {
        List<Mail.Address> out = new ArrayList<>();
        if (list != null) {
            for (Mailbox m : list) {
                Mail.Address a = address(m);
                if (a != null && out.size() < MAX_LIST) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static Mail.Address address(Mailbox m) {
        String addr = m.getAddress();
        String normal = normalAddress(addr);
        if (normal == null) {
            return null;
        }
        String name = m.getName();
        return new Mail.Address(normal, name == null || name.isBlank() ? null : name.strip());
    }

    /**
     * @param addr an address as written, possibly in angle brackets
     * @return the address trimmed and lower-cased, or null when it is not {@code local@domain}
     */
    static String normalAddress(String addr) {
        if (addr == null) {
            return null;
        }
        String a = addr.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1).strip();
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1 || a.length() > 320 || a.chars().anyMatch(c -> c <= ' ' || c == '<'
                || c == '>' || c == ',')) {
            return null;
        }
        return a.toLowerCase(Locale.ROOT);
    }

    /**
     * The raw bytes of named fields of a {@code multipart/form-data} body, read with mime4j (the gateway's form
     * view decodes every field as UTF-8, which mangles fields a provider says are in another charset).
     *
     * @param contentType the request's Content-Type, with its boundary
     * @param body        the raw body
     * @param names       the field names wanted
     * @return the first part of each name found
     */
    static Map<String, byte[]> formParts(String contentType, byte[] body, Set<String> names) {
        Map<String, byte[]> out = new HashMap<>();
        if (contentType == null || names.isEmpty()) {
            return out;
        }
        byte[] head = ("Content-Type: " + contentType.replace("\r", "").replace("\n", "") + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        Message m = parse(all);
        if (!(m.getBody() instanceof Multipart mp)) {
            return out;
        }
        for (Entity part : mp.getBodyParts()) {
            String name = dispositionName(part);
            if (name != null && names.contains(name) && !out.containsKey(name)
                    && part.getBody() instanceof SingleBody sb) {
                try (InputStream in = sb.getInputStream()) {
                    out.put(name, in.readAllBytes());
                } catch (IOException e) {
                    throw RequestRejectedException.malformed("malformed-multipart", "a form part cannot be read");
                }
            }
        }
        return out;
    }

    private static String dispositionName(Entity part) {
        Field f = part.getHeader() == null ? null : part.getHeader().getField("Content-Disposition");
        if (f instanceof ContentDispositionField cd) {
            return cd.getParameter("name");
        }
        return null;
    }

    /**
     * Reads a full MIME message (SendGrid raw mode, Mailgun {@code body-mime}) into a mail.
     *
     * @param m    the mail
     * @param mime the message
     * @return its header
     */
    static Header readRaw(Mail m, byte[] mime) {
        m.mode = "raw";
        Message msg = Mime.parse(mime);
        Header h = msg.getHeader();
        List<Mail.Address> from = Mime.mailboxes(safe(() -> msg.getFrom()));
        m.headerFrom = from.isEmpty() ? null : from.get(0);
        m.to.addAll(flatten(safe(() -> msg.getTo())));
        m.cc.addAll(flatten(safe(() -> msg.getCc())));
        m.replyTo.addAll(flatten(safe(() -> msg.getReplyTo())));
        m.subject = safe(msg::getSubject);
        headerIds(m, h);
        Mime.Parts parts = Mime.parts(msg);
        m.text = parts.text;
        m.html = parts.html;
        m.attachments.addAll(parts.attachments);
        m.fingerprint = InboundEmail.Forms.sha256(mime);
        return h;
    }

    /** Date, Message-ID, In-Reply-To and References from a header. */
    static void headerIds(Mail m, Header h) {
        if (h == null) {
            return;
        }
        m.date = Mime.date(h);
        List<String> id = Mime.messageIds(Mime.field(h, "Message-ID"));
        m.messageId = id.isEmpty() ? null : id.get(0);
        List<String> reply = Mime.messageIds(Mime.field(h, "In-Reply-To"));
        m.inReplyTo = reply.isEmpty() ? null : reply.get(0);
        m.references.addAll(Mime.messageIds(Mime.field(h, "References")));
    }

    private static List<Mail.Address> flatten(AddressList list) {
        return list == null ? List.of() : Mime.mailboxes(list.flatten());
    }

    /** mime4j parses fields lazily; a malformed one reads as absent rather than failing the whole message. */
    private static <T> T safe(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
