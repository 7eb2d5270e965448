package io.switchboard.spi.contact;

import java.util.Objects;

/**
 * The provider's own reference to the event.
 *
 * @param provider  the provider, e.g. {@code twilio}, {@code meta}, {@code x}, {@code web}
 * @param account   the business account at the provider (Twilio AccountSid, WABA id, X user id); nullable
 * @param eventId   the provider's event id, used to de-duplicate retries; unique per channel instance
 * @param eventType the provider's event type, e.g. {@code messages}, {@code CallStatus=ringing}; nullable
 */
public record ProviderRef(String provider, String account, String eventId, String eventType) {
    /** Canonical constructor; provider and event id are required. */
    public ProviderRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(eventId, "eventId");
    }
}
