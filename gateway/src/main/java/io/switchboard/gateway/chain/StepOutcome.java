package io.switchboard.gateway.chain;

import io.switchboard.spi.contact.Contact;

/**
 * How one step call ended: the plugin proceeded (with a possibly changed contact), rejected the contact, or the
 * call failed (the plugin threw, failed, returned null, timed out, or the call was refused by the step's rate
 * limiter, bulkhead or breaker; {@code reason} says which).
 *
 * @param kind    how it ended
 * @param contact the contact to continue with, for {@link Kind#PROCEEDED}
 * @param reason  the rejection or failure reason: the plugin's own reason, or {@code timeout},
 *                {@code error:<ExceptionClass>}, {@code null-result}, {@code invalid-result}, {@code circuit-open},
 *                {@code rate-limited}, {@code bulkhead-full}, {@code worker-pool-full}
 * @param error   the failure, for {@link Kind#FAILED}; may be null
 */
record StepOutcome(Kind kind, Contact contact, String reason, Throwable error) {

    enum Kind { PROCEEDED, REJECTED, FAILED }

    static StepOutcome proceeded(Contact c) {
        return new StepOutcome(Kind.PROCEEDED, c, null, null);
    }

    static StepOutcome rejected(String reason) {
        return new StepOutcome(Kind.REJECTED, null, reason, null);
    }

    static StepOutcome failed(String reason, Throwable error) {
        return new StepOutcome(Kind.FAILED, null, reason, error);
    }
}
