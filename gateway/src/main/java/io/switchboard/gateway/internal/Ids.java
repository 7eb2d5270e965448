package io.switchboard.gateway.internal;

import com.github.f4b6a3.uuid.UuidCreator;

/** Gateway ids: time-ordered UUIDv7 (RFC 9562), monotonic within the process. */
public final class Ids {

    private Ids() {
    }

    /** @return a new UUIDv7 string */
    public static String newId() {
        return UuidCreator.getTimeOrderedEpoch().toString();
    }
}
