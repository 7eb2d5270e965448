package io.switchboard.gateway.store;

import java.time.Instant;

/**
 * A listing of contacts, newest first. Null filters do not filter.
 *
 * @param channel         channel id
 * @param customerId      matched customer id
 * @param providerEventId provider event id
 * @param since           received at or after
 * @param before          only contacts with an id lower (older) than this one: the cursor of the next page
 * @param limit           at most this many, 1..1000
 */
public record ContactQuery(String channel, String customerId, String providerEventId, Instant since, String before,
                           int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /** Canonical constructor; checks the limit. */
    public ContactQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
        }
    }
}
