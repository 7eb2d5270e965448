package io.switchboard.spi.sink;

import java.time.Duration;
import java.util.Objects;

/**
 * How one delivery went.
 */
public sealed interface DeliveryResult permits DeliveryResult.Delivered, DeliveryResult.Retry, DeliveryResult.Failed {

    /**
     * @param externalRef the system of record's id for the contact (ticket id, offset), or null
     * @return a success
     */
    static DeliveryResult delivered(String externalRef) {
        return new Delivered(externalRef);
    }

    /**
     * A transient failure: try again later.
     *
     * @param reason     short description for operators (status code, error class); never personal data
     * @param retryAfter the delay the system of record asked for ({@code Retry-After}), or null
     * @return the result
     */
    static DeliveryResult retry(String reason, Duration retryAfter) {
        return new Retry(reason, retryAfter);
    }

    /**
     * A permanent failure (a 4xx other than 408/429, a record the target refuses): the delivery becomes a
     * dead letter at once.
     *
     * @param reason short description for operators; never personal data
     * @return the result
     */
    static DeliveryResult failed(String reason) {
        return new Failed(reason);
    }

    /**
     * Delivered.
     *
     * @param externalRef the target's id, or null
     */
    record Delivered(String externalRef) implements DeliveryResult {
    }

    /**
     * Retry later.
     *
     * @param reason     why
     * @param retryAfter requested delay, or null
     */
    record Retry(String reason, Duration retryAfter) implements DeliveryResult {
        /** Canonical constructor; the reason is required. */
        public Retry {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Give up: dead letter.
     *
     * @param reason why
     */
    record Failed(String reason) implements DeliveryResult {
        /** Canonical constructor; the reason is required. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
