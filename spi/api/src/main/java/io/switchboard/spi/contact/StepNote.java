package io.switchboard.spi.contact;

import java.util.Objects;

/**
 * A note a chain leaves on a contact about one step: skipped (and why) or rejecting (and why).
 *
 * @param step   the step name
 * @param reason why, e.g. {@code circuit-open}, {@code timeout}, {@code rate-limited}, or the plugin's
 *               own rejection reason
 */
public record StepNote(String step, String reason) {
    /** Canonical constructor; both components are required. */
    public StepNote {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reason, "reason");
    }
}
