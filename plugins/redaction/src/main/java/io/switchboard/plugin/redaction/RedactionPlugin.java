package io.switchboard.plugin.redaction;

import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.Redaction;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds payment card numbers, IBANs and configured account-number patterns in a contact's text, subject and
 * attachment captions. Public contacts are always redacted; private ones are redacted or only flagged, per
 * configuration. The contact records each finding (kind, field, position; never the value); a public contact
 * with findings is tagged so the service team moves the conversation to a private channel.
 */
final class RedactionPlugin implements ContactPlugin {

    /** Attribute namespace. */
    static final String NAMESPACE = "redaction";
    /** Texts longer than this (all fields together) are scanned on a worker thread, not the event loop. */
    static final int INLINE_LIMIT = 32 * 1024;

    private final Redactor redactor;
    private final boolean redactPrivate;
    private final String tag;
    private final String publicTag;

    RedactionPlugin(Redactor redactor, boolean redactPrivate, String tag, String publicTag) {
        this.redactor = redactor;
        this.redactPrivate = redactPrivate;
        this.tag = tag;
        this.publicTag = publicTag;
    }

    @Override
    public Future<PluginResult> apply(Contact contact, PluginContext context) {
        Content c = contact.content();
        long size = length(c.text()) + length(c.subject());
        for (Attachment a : c.attachments()) {
            size += length(a.caption());
        }
        if (size > INLINE_LIMIT) {
            return context.vertx().executeBlocking(() -> PluginResult.proceed(process(contact)), false);
        }
        return Future.succeededFuture(PluginResult.proceed(process(contact)));
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }

    /**
     * @param contact a contact
     * @return the contact with its findings recorded and, where the rules say so, redacted
     */
    Contact process(Contact contact) {
        boolean redact = contact.isPublic() || redactPrivate;
        Content c = contact.content();
        List<Redaction> found = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();

        String text = scan(c.text(), "content.text", redact, found, kinds);
        String subject = scan(c.subject(), "content.subject", redact, found, kinds);
        List<Attachment> attachments = new ArrayList<>(c.attachments().size());
        for (int i = 0; i < c.attachments().size(); i++) {
            Attachment a = c.attachments().get(i);
            String caption = scan(a.caption(), "content.attachments[" + i + "].caption", redact, found, kinds);
            attachments.add(caption == a.caption() ? a : new Attachment(a.kind(), a.url(), a.providerId(),
                    a.contentType(), a.filename(), a.size(), a.sha256(), caption));
        }
        if (found.isEmpty()) {
            return contact;
        }
        Contact.Builder b = contact.toBuilder();
        found.forEach(b::redaction);
        if (redact) {
            b.content(new Content(text, subject, c.language(), attachments));
        }
        b.tag(tag);
        b.attribute(NAMESPACE, "kinds", new JsonArray(new ArrayList<>(kinds)));
        b.attribute(NAMESPACE, "redacted", redact);
        if (contact.isPublic()) {
            b.tag(publicTag);
            b.attribute(NAMESPACE, "advice", "move-to-private");
            b.attribute(NAMESPACE, "reason", String.join(", ", kinds)
                    + " posted in public: redacted; move the conversation to a private channel");
        }
        return b.build();
    }

    private String scan(String value, String field, boolean redact, List<Redaction> found, Set<String> kinds) {
        List<Finding> findings = redactor.find(value);
        if (findings.isEmpty()) {
            return value;
        }
        for (Finding f : findings) {
            found.add(new Redaction(f.kind(), field, f.start(), f.end(), redact));
            kinds.add(f.kind());
        }
        return redact ? redactor.redact(value, findings) : value;
    }
}
