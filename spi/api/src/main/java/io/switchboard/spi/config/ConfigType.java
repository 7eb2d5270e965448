package io.switchboard.spi.config;

/**
 * The type of a configuration value, as written in YAML.
 */
public enum ConfigType {
    /** A string. */
    STRING,
    /** A secret string, given as {@code ${env:NAME}} or {@code ${file:/path}}; never a literal. */
    SECRET,
    /** A 32-bit integer. */
    INT,
    /** A 64-bit integer. */
    LONG,
    /** A floating-point number. */
    DOUBLE,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A duration: {@code 250ms}, {@code 5s}, {@code 10m}, {@code 72h}, {@code 7d}, or ISO-8601 {@code PT5S}. */
    DURATION,
    /** A list of strings (a YAML sequence, or one comma-separated string). */
    LIST,
    /** One of a fixed set of strings. */
    ENUM,
    /** A nested mapping, validated by the key's validator. */
    OBJECT,
    /** A sequence of arbitrary values, validated by the key's validator. */
    ARRAY
}
