package io.switchboard.spi.contact;

import java.util.Objects;

/**
 * A phone number.
 *
 * @param e164      the number in E.164 ({@code +447700900123}), or null when it could not be normalised
 * @param raw       the number as the provider or the person wrote it
 * @param valid     whether the phone-number metadata knows the number's range; a possible but not (yet)
 *                  valid number is kept, never dropped
 * @param assurance how the number was obtained
 */
public record PhoneNumber(String e164, String raw, boolean valid, Assurance assurance) {
    /** Canonical constructor; {@code raw} and {@code assurance} are required. */
    public PhoneNumber {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(assurance, "assurance");
    }
}
