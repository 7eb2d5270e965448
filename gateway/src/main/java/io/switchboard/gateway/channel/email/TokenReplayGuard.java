package io.switchboard.gateway.channel.email;

import io.switchboard.spi.channel.RequestRejectedException;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refuses replays of Mailgun's signed tokens. Mailgun's signature covers only {@code timestamp + token}, so a
 * captured triple could carry any body: a token is therefore bound to the first body it arrived with, for as
 * long as its timestamp is inside the window.
 *
 * <ul>
 *   <li>A timestamp more than {@code window} from now (either way) is refused.</li>
 *   <li>A timestamp from before this guard was created is refused: the guard is in memory, so it cannot know
 *       what an earlier process accepted, and refusing those makes restarts safe without disk I/O on the event
 *       loop. Mailgun signs every attempt afresh, so its next retry passes.</li>
 *   <li>A token seen before with a different body is refused. The same token with the byte-identical body is a
 *       retransmission of what was already verified: it passes, and the store answers it as a duplicate.</li>
 *   <li>When more than {@code maxTokens} unexpired tokens are held, new ones get 429 (Mailgun retries later)
 *       rather than the guard forgetting tokens still inside the window.</li>
 * </ul>
 *
 * Thread-safe; shared by every event loop of one channel.
 */
final class TokenReplayGuard {

    private record Seen(byte[] bodyDigest, long expiresAtMillis) {
    }

    private final Clock clock;
    private final Duration window;
    private final long notBeforeMillis;
    private final int maxTokens;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicInteger claims = new AtomicInteger();

    TokenReplayGuard(Clock clock, Duration window, int maxTokens) {
        this.clock = clock;
        this.window = window;
        this.maxTokens = maxTokens;
        this.notBeforeMillis = clock.millis();
    }

    /**
     * Checks a verified token and records it.
     *
     * @param timestampSeconds the signed timestamp
     * @param token            the signed token
     * @param bodyDigest       SHA-256 of the raw request body
     * @throws RequestRejectedException 401 for a stale timestamp or a reused token; 429 when full
     */
    void claim(long timestampSeconds, String token, byte[] bodyDigest) {
        long now = clock.millis();
        long ts = timestampSeconds * 1000;
        if (Math.abs(now - ts) > window.toMillis() || ts < notBeforeMillis - notBeforeMillis % 1000) {
            throw RequestRejectedException.unauthorized("stale-timestamp");
        }
        Seen prior = seen.get(token);
        if (prior == null) {
            if ((claims.incrementAndGet() & 1023) == 0 || seen.size() >= maxTokens) {
                purge(now);
            }
            if (seen.size() >= maxTokens) {
                throw RequestRejectedException.tooManyRequests("replay-cache-full", 60);
            }
            prior = seen.putIfAbsent(token, new Seen(bodyDigest, ts + window.toMillis()));
        }
        if (prior != null && !MessageDigest.isEqual(prior.bodyDigest(), bodyDigest)) {
            throw RequestRejectedException.unauthorized("token-reused");
        }
    }

    /** Forgets tokens whose timestamps have left the window. */
    void purge(long nowMillis) {
        for (Iterator<Seen> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAtMillis() < nowMillis) {
                it.remove();
            }
        }
    }

    /** @return how many tokens are held (for tests) */
    int size() {
        return seen.size();
    }

    /** @return the earliest instant a timestamp may have */
    Instant notBefore() {
        return Instant.ofEpochMilli(notBeforeMillis);
    }
}
