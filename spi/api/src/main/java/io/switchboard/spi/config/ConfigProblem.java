package io.switchboard.spi.config;

import java.util.Objects;

/**
 * One problem found in a configuration: where, what, and (for non-secret keys) the offending value.
 *
 * @param path    the full key path, e.g. {@code channels.acme-sms.authToken}
 * @param message what is wrong, as a sentence fragment, e.g. {@code must be greater than 0}
 * @param value   the offending value as written, or {@code null} when absent or secret
 * @param kind    the kind of problem; {@link Kind#MISSING_SECRET} lets the gateway keep running without
 *                the component instead of refusing to start
 */
public record ConfigProblem(String path, String message, String value, Kind kind) {

    /** The kind of a configuration problem. */
    public enum Kind {
        /** The value is invalid or a required key is absent. */
        INVALID,
        /** The value refers to a secret (environment variable or file) that is not available. */
        MISSING_SECRET
    }

    /** Canonical constructor. */
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * An invalid value.
     *
     * @param path    the key path
     * @param message what is wrong
     * @param value   the offending value, or null
     * @return the problem
     */
    public static ConfigProblem invalid(String path, String message, Object value) {
        return new ConfigProblem(path, message, value == null ? null : String.valueOf(value), Kind.INVALID);
    }

    /**
     * A secret that is not available.
     *
     * @param path    the key path
     * @param message what is missing, e.g. {@code environment variable TWILIO_AUTH_TOKEN is not set}
     * @return the problem
     */
    public static ConfigProblem missingSecret(String path, String message) {
        return new ConfigProblem(path, message, null, Kind.MISSING_SECRET);
    }

    /**
     * This problem re-rooted under a parent path.
     *
     * @param parent the parent key path, e.g. {@code channels.acme-sms}
     * @return the problem with {@code parent.path}
     */
    public ConfigProblem under(String parent) {
        if (parent == null || parent.isEmpty()) {
            return this;
        }
        return new ConfigProblem(parent + "." + path, message, value, kind);
    }

    /** {@return the problem as one line: {@code path: message (was: value)}} */
    @Override
    public String toString() {
        return value == null ? path + ": " + message : path + ": " + message + " (was: " + value + ")";
    }
}
