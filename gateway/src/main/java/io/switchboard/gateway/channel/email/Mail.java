package io.switchboard.gateway.channel.email;

import io.switchboard.spi.contact.Attachment;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One inbound email as a provider delivered it, before it becomes a contact: what SendGrid's and Mailgun's
 * readers extract, in one shape. Mutable, filled by one reader on one event loop.
 */
final class Mail {

    /** An address with its display name (nullable). */
    record Address(String address, String name) {
    }

    /** {@code sendgrid} or {@code mailgun}. */
    String provider;
    /** {@code parsed} (the provider's fields) or {@code raw} (a full MIME message). */
    String mode;
    /** The SMTP envelope's MAIL FROM, as the provider's MX saw it; null when absent or the null sender. */
    String envelopeFrom;
    /** The SMTP envelope's recipients. */
    final List<String> envelopeTo = new ArrayList<>();
    /** The From header: spoofable, kept as written. */
    Address headerFrom;
    final List<Address> to = new ArrayList<>();
    final List<Address> cc = new ArrayList<>();
    final List<Address> replyTo = new ArrayList<>();
    String subject;
    String text;
    String html;
    final List<Attachment> attachments = new ArrayList<>();
    /** Message-ID without angle brackets. */
    String messageId;
    /** The first id of In-Reply-To, without angle brackets. */
    String inReplyTo;
    /** The ids of References, oldest first, without angle brackets. */
    final List<String> references = new ArrayList<>();
    /** The Date header. */
    Instant date;
    /** Provider verdicts and metadata (SPF, DKIM, spam score, sender IP), for the {@code email} attributes. */
    final JsonObject extra = new JsonObject();
    /** A digest of the message itself (not of per-attempt signature fields), the event id when there is no Message-ID. */
    byte[] fingerprint;
}
