package io.switchboard.gateway.channel.email;

import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.EmailAddress;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HexFormat;
import java.util.List;

/**
 * Turns a {@link Mail} into an {@code email} contact, the same way for every provider.
 *
 * <ul>
 *   <li>Sender: the SMTP envelope sender (SendGrid {@code envelope.from}, Mailgun {@code sender}) with
 *       {@link Assurance#PROVIDER}, because the From header is whatever the sending program wrote. The display
 *       name comes from the From header only when its address is the envelope sender. Without an envelope sender
 *       the From header's address is used, {@link Assurance#SELF_ASSERTED}, and {@code senderSource} says so.
 *       The From header is always kept in the attributes.</li>
 *   <li>Recipient: the first envelope recipient (else the first To address).</li>
 *   <li>Text: the text/plain body; when the message has only HTML, the HTML reduced to text (and
 *       {@code htmlOnly: true}). Longer than {@code maxTextChars}: cut, with {@code textTruncated: true}.</li>
 *   <li>Attachments: references (name, content type, size); their content stays in the raw payload.</li>
 *   <li>Thread: {@code threadId} = the first References id (the thread's root), else In-Reply-To, else the
 *       message's own id; {@code inReplyTo} = In-Reply-To.</li>
 *   <li>Event id: the Message-ID, so a provider's retry is a duplicate; without one, {@code sha256:} and a digest
 *       of the message (not of the per-attempt signature fields).</li>
 * </ul>
 */
final class EmailContacts {

    /** Attribute namespace. */
    static final String NAMESPACE = "email";
    /** Provider event type of inbound messages. */
    static final String EVENT_TYPE = "inbound";

    private EmailContacts() {
    }

    static Contact build(InboundRequest request, Mail mail, int maxTextChars) {
        JsonObject attrs = new JsonObject().put("mode", mail.mode);
        Party sender = Party.UNKNOWN;
        Mail.Address from = mail.headerFrom;
        if (mail.envelopeFrom != null) {
            sender = sender.withEmail(new EmailAddress(mail.envelopeFrom, Assurance.PROVIDER));
            if (from != null && from.address().equals(mail.envelopeFrom)) {
                sender = sender.withDisplayName(from.name());
            }
            attrs.put("senderSource", "envelope");
        } else if (from != null) {
            sender = sender.withEmail(new EmailAddress(from.address(), Assurance.SELF_ASSERTED))
                    .withDisplayName(from.name());
            attrs.put("senderSource", "header");
        }
        if (from != null) {
            attrs.put("from", address(from));
        }
        putList(attrs, "to", mail.to);
        putList(attrs, "cc", mail.cc);
        putList(attrs, "replyTo", mail.replyTo);
        if (!mail.envelopeTo.isEmpty()) {
            attrs.put("envelopeTo", new JsonArray(List.copyOf(mail.envelopeTo)));
        }
        if (mail.messageId != null) {
            attrs.put("messageId", mail.messageId);
        }
        if (!mail.references.isEmpty()) {
            attrs.put("references", new JsonArray(List.copyOf(mail.references)));
        }

        String text = mail.text != null && !mail.text.isBlank() ? lines(mail.text) : null;
        if (text == null && mail.html != null && !mail.html.isBlank()) {
            text = HtmlText.toText(lines(mail.html));
            text = text.isEmpty() ? null : text;
            attrs.put("htmlOnly", true);
        }
        if (text != null && text.length() > maxTextChars) {
            int end = maxTextChars;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end);
            attrs.put("textTruncated", true);
        }
        attrs.mergeIn(mail.extra);

        String recipientAddress = !mail.envelopeTo.isEmpty() ? mail.envelopeTo.get(0)
                : mail.to.isEmpty() ? null : mail.to.get(0).address();
        String subject = mail.subject == null || mail.subject.isBlank() ? null : mail.subject.strip();
        String threadId = !mail.references.isEmpty() ? mail.references.get(0)
                : mail.inReplyTo != null ? mail.inReplyTo : mail.messageId;
        String eventId = mail.messageId != null ? mail.messageId
                : "sha256:" + HexFormat.of().formatHex(mail.fingerprint);
        List<Attachment> attachments = mail.attachments;

        Contact.Builder b = request.newContact()
                .kind(ContactKind.EMAIL)
                .visibility(Visibility.PRIVATE)
                .occurredAt(mail.date)
                .sender(sender)
                .recipient(recipientAddress == null ? null : new Endpoint("email", null, recipientAddress, null))
                .content(new Content(text, subject, null, attachments))
                .thread(new ThreadRef(threadId, mail.inReplyTo, null))
                .provider(new ProviderRef(mail.provider, null, eventId, EVENT_TYPE));
        b.attributes(b.attributes().withNamespace(NAMESPACE, attrs));
        return b.build();
    }

    /** Mail uses CRLF on the wire; the contact's text uses LF, whichever the provider passed on. */
    private static String lines(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static JsonObject address(Mail.Address a) {
        JsonObject o = new JsonObject().put("address", a.address());
        if (a.name() != null) {
            o.put("name", a.name());
        }
        return o;
    }

    private static void putList(JsonObject attrs, String key, List<Mail.Address> list) {
        if (!list.isEmpty()) {
            JsonArray arr = new JsonArray();
            list.forEach(a -> arr.add(address(a)));
            attrs.put(key, arr);
        }
    }
}
