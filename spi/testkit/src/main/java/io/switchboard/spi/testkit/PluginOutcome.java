package io.switchboard.spi.testkit;

import io.switchboard.spi.contact.Contact;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened when a {@link PluginTester} ran a plugin on one contact, classified as the gateway's chain
 * classifies it.
 *
 * <p>A {@link Kind#FAILED} or {@link Kind#TIMED_OUT} outcome is what the gateway hands to the step's failure
 * policy ({@code skip}, {@code retry-later} or {@code reject}); {@link #failureReason()} is the reason the
 * gateway would record on the contact (e.g. {@code timeout}, {@code error:IOException}, {@code null-result}).
 *
 * @param kind          how it ended
 * @param input         the contact given to the plugin
 * @param contact       the contact the plugin proceeded with; null unless {@link Kind#PROCEEDED}
 * @param reason        the plugin's rejection reason, or the failure reason; null when it proceeded
 * @param error         the exception, for {@link Kind#FAILED}; null otherwise
 * @param elapsed       how long the call took (up to the time limit)
 * @param eventLoopTime how long {@code apply} held the event loop before returning its future (zero for a
 *                      blocking plugin, which runs on a worker)
 */
public record PluginOutcome(Kind kind, Contact input, Contact contact, String reason, Throwable error,
                            Duration elapsed, Duration eventLoopTime) {

    /** How a plugin call ended. */
    public enum Kind {
        /** The plugin returned {@code PluginResult.proceed(contact)}. */
        PROCEEDED,
        /** The plugin returned {@code PluginResult.reject(reason)}. */
        REJECTED,
        /**
         * The plugin threw, failed its future, returned a null future or a null result, or proceeded with a
         * contact whose id is not the one it was given.
         */
        FAILED,
        /** The plugin did not complete within the time limit. */
        TIMED_OUT
    }

    /** Canonical constructor. */
    public PluginOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(input, "input");
    }

    /** @return whether the plugin proceeded */
    public boolean proceeded() {
        return kind == Kind.PROCEEDED;
    }

    /** @return whether the plugin rejected the contact */
    public boolean rejected() {
        return kind == Kind.REJECTED;
    }

    /** @return whether the call failed or timed out: the step's failure policy would apply */
    public boolean failed() {
        return kind == Kind.FAILED || kind == Kind.TIMED_OUT;
    }

    /** @return the failure reason the gateway would record, or null when the plugin did not fail */
    public String failureReason() {
        return failed() ? reason : null;
    }

    /** @return a one-line description without personal data, for assertion messages */
    public String describe() {
        return switch (kind) {
            case PROCEEDED -> "proceeded with " + contact + " in " + elapsed.toMillis() + " ms";
            case REJECTED -> "rejected (" + reason + ") in " + elapsed.toMillis() + " ms";
            case FAILED -> "failed (" + reason + ")" + (error == null ? "" : ": " + error);
            case TIMED_OUT -> "timed out after " + elapsed.toMillis() + " ms";
        };
    }

    @Override
    public String toString() {
        return "PluginOutcome[" + describe() + "]";
    }
}
