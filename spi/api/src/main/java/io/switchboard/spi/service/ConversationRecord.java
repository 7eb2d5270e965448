package io.switchboard.spi.service;

import java.time.Instant;
import java.util.Objects;

/**
 * A cross-channel conversation of one party.
 *
 * @param tenant         the tenant
 * @param key            the conversation key
 * @param partyKey       who: a customer id ({@code customer:<id>}) or the strongest identifier of an unknown party
 * @param openedAt       when its first contact arrived
 * @param lastContactAt  when its latest contact arrived
 * @param contactCount   contacts in it so far, this one included
 * @param channels       distinct channels it has used
 * @param resolvedAt     when it was resolved; null while open
 */
public record ConversationRecord(String tenant, String key, String partyKey, Instant openedAt, Instant lastContactAt,
                                 int contactCount, int channels, Instant resolvedAt) {
    /** Canonical constructor. */
    public ConversationRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(partyKey, "partyKey");
    }
}
