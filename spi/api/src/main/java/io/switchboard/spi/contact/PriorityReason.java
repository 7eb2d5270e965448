package io.switchboard.spi.contact;

import java.util.Objects;

/**
 * One reason that contributed to a priority score.
 *
 * @param code   a stable machine-readable code, e.g. {@code intent.outage}, {@code tier.gold}
 * @param points the points it added (or removed, when negative)
 * @param detail a human explanation; never the customer's text or personal data
 */
public record PriorityReason(String code, int points, String detail) {
    /** Canonical constructor; code is required. */
    public PriorityReason {
        Objects.requireNonNull(code, "code");
    }
}
