package io.switchboard.gateway.channel.webform;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.switchboard.spi.channel.RequestRejectedException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rate limits of one public form: per client IP, and for the whole channel, so the form cannot be used to
 * flood the store and the outbox. Never waits for a permit (answers 429 at once). Thread-safe.
 */
final class SubmissionLimits {

    /** Most client IPs tracked; the least recently seen are forgotten first. */
    static final int MAX_CLIENTS = 50_000;

    private final RateLimiterConfig perClient;
    private final RateLimiter channel;
    private final long clientRetryAfter;
    private final Map<String, RateLimiter> clients = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    SubmissionLimits(String channelId, int perClientLimit, Duration perClientWindow, int channelPerSecond) {
        this.perClient = perClientLimit <= 0 ? null : RateLimiterConfig.custom().limitForPeriod(perClientLimit)
                .limitRefreshPeriod(perClientWindow).timeoutDuration(Duration.ZERO).build();
        this.clientRetryAfter = Math.max(1, perClientWindow.toSeconds());
        this.channel = channelPerSecond <= 0 ? null : RateLimiter.of("form." + channelId, RateLimiterConfig.custom()
                .limitForPeriod(channelPerSecond).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build());
    }

    /**
     * Takes a permit for one submission.
     *
     * @param clientIp the client's IP
     * @throws RequestRejectedException 429 when a limit is exhausted
     */
    void acquire(String clientIp) {
        if (perClient != null) {
            RateLimiter limiter;
            synchronized (clients) {
                limiter = clients.computeIfAbsent(clientIp, ip -> RateLimiter.of("form-client", perClient));
            }
            if (!limiter.acquirePermission()) {
                throw RequestRejectedException.tooManyRequests("rate-limited-client", clientRetryAfter);
            }
        }
        if (channel != null && !channel.acquirePermission()) {
            throw RequestRejectedException.tooManyRequests("rate-limited-channel", 1);
        }
    }
}
