package io.switchboard.spi.contact;

import java.util.List;
import java.util.Objects;

/**
 * The result of matching a contact to a customer.
 *
 * @param customerId the matched (linked) customer id; null when not linked
 * @param method     how: the identifier used, e.g. {@code phone}, {@code email}, {@code provider-user-id}
 * @param level      the match level
 * @param confidence 0.0 to 1.0
 * @param linked     true when the contact was linked to {@code customerId} automatically; false when the
 *                   match is only a suggestion
 * @param candidates candidate customer ids when the match is ambiguous or too weak to link; never null
 */
public record CustomerMatch(String customerId, String method, MatchLevel level, double confidence, boolean linked,
                            List<String> candidates) {
    /** Canonical constructor; validates confidence and copies candidates. */
    public CustomerMatch {
        Objects.requireNonNull(level, "level");
        if (confidence < 0.0 || confidence > 1.0 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be between 0.0 and 1.0, but was " + confidence);
        }
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
