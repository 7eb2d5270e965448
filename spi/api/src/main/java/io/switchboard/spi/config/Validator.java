package io.switchboard.spi.config;

import java.util.List;
import java.util.function.Predicate;

/**
 * Checks one converted configuration value. Validators run only on values that converted to the key's
 * type, so they may cast without checking.
 */
@FunctionalInterface
public interface Validator {

    /**
     * Validates a value.
     *
     * @param path  the full key path, for problem messages
     * @param value the converted value: {@code String}, {@code Integer}, {@code Long}, {@code Double},
     *              {@code Boolean}, {@code java.time.Duration}, {@code List<String>}, {@code JsonObject},
     *              {@code JsonArray} or nested {@link ConfigValues}, according to the key's type
     * @return the problems found; empty when the value is valid
     */
    List<ConfigProblem> validate(String path, Object value);

    /**
     * A validator from a predicate and a message.
     *
     * @param test    true when valid
     * @param message the problem when invalid, e.g. {@code must be greater than 0}
     * @param <T>     the converted value type
     * @return the validator
     */
    @SuppressWarnings("unchecked")
    static <T> Validator of(Predicate<T> test, String message) {
        return (path, value) -> test.test((T) value)
                ? List.of()
                : List.of(ConfigProblem.invalid(path, message, value));
    }

    /**
     * A numeric range check, inclusive.
     *
     * @param min the smallest valid value
     * @param max the largest valid value
     * @return the validator
     */
    static Validator between(long min, long max) {
        return (path, value) -> {
            long v = ((Number) value).longValue();
            if (v < min || v > max) {
                return List.of(ConfigProblem.invalid(path, "must be between " + min + " and " + max, value));
            }
            return List.of();
        };
    }

    /**
     * A lower bound check, inclusive.
     *
     * @param min the smallest valid value
     * @return the validator
     */
    static Validator atLeast(long min) {
        return (path, value) -> ((Number) value).longValue() < min
                ? List.of(ConfigProblem.invalid(path, "must be at least " + min, value))
                : List.of();
    }

    /**
     * A positive-duration check.
     *
     * @return the validator
     */
    static Validator positiveDuration() {
        return (path, value) -> {
            java.time.Duration d = (java.time.Duration) value;
            return d.isZero() || d.isNegative()
                    ? List.of(ConfigProblem.invalid(path, "must be a positive duration", value))
                    : List.of();
        };
    }
}
