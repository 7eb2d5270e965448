package io.switchboard.spi.service;

import java.util.Objects;

/**
 * A normalised identifier of a person.
 *
 * @param type  {@link #PHONE} (E.164), {@link #EMAIL} (trimmed, lower-cased), {@link #PROVIDER_USER}
 *              ({@code provider:scope:id}), or another type a plugin defines
 * @param value the normalised value
 */
public record Identifier(String type, String value) {

    /** An E.164 phone number. */
    public static final String PHONE = "phone";
    /** A trimmed, lower-cased email address. */
    public static final String EMAIL = "email";
    /** A provider's immutable user id, as {@code provider:scope:id}. */
    public static final String PROVIDER_USER = "provider-user";

    /** Canonical constructor; both components are required and non-blank. */
    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type.isBlank() || value.isBlank()) {
            throw new IllegalArgumentException("identifier type and value must be non-blank");
        }
    }

    /** {@return the type only: values are personal data} */
    @Override
    public String toString() {
        return "Identifier[" + type + "]";
    }
}
