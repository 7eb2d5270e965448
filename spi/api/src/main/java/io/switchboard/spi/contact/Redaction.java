package io.switchboard.spi.contact;

import java.util.Objects;

/**
 * Something sensitive found in a contact's text. Records what and where, never the value.
 *
 * @param kind     {@code payment-card}, {@code iban}, or a configured pattern's name
 * @param field    where: {@code content.text}, {@code content.subject}
 * @param start    start offset (UTF-16 chars) in the original text
 * @param end      end offset, exclusive
 * @param redacted whether the value was replaced in the contact (false: detected only)
 */
public record Redaction(String kind, String field, int start, int end, boolean redacted) {
    /** Canonical constructor; validates the range. */
    public Redaction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("redaction range must satisfy 0 <= start <= end, but was "
                    + start + ".." + end);
        }
    }
}
