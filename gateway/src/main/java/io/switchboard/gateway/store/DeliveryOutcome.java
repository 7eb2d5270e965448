package io.switchboard.gateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The new state of a delivery after an attempt.
 *
 * @param id            the delivery id
 * @param state         {@link DeliveryState#DELIVERED}, {@link DeliveryState#PENDING} (retry at
 *                      {@code nextAttemptAt}) or {@link DeliveryState#DEAD}
 * @param attempts      attempts made so far
 * @param nextAttemptAt when to try again (pending only)
 * @param lastError     the last error, for operators; never personal data
 * @param externalRef   the target's id for the contact (delivered only), or null
 */
public record DeliveryOutcome(String id, String state, int attempts, Instant nextAttemptAt, String lastError,
                              String externalRef) {
    /** Canonical constructor. */
    public DeliveryOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }
}
