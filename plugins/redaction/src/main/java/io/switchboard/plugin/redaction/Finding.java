package io.switchboard.plugin.redaction;

import java.util.Objects;

/**
 * Something sensitive found in a text: what and where, never the value.
 *
 * @param kind  {@code payment-card}, {@code iban}, or a configured pattern's name
 * @param start start offset (UTF-16 chars), inclusive
 * @param end   end offset, exclusive
 */
public record Finding(String kind, int start, int end) {
    /** Canonical constructor; validates the range. */
    public Finding {
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("finding range must satisfy 0 <= start < end, but was " + start + ".." + end);
        }
    }

    /** @return the length of the range */
    public int length() {
        return end - start;
    }

    /** {@return kind and range only} */
    @Override
    public String toString() {
        return kind + "[" + start + ".." + end + ")";
    }
}
