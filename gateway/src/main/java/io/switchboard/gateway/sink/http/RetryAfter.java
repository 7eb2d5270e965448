package io.switchboard.gateway.sink.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses {@code Retry-After} (RFC 9110 section 10.2.3): a number of seconds, or an HTTP date.
 */
final class RetryAfter {

    /** A target asking for more than this is waited for only this long; the outbox's maxAge still applies. */
    static final Duration CAP = Duration.ofHours(6);

    private RetryAfter() {
    }

    /**
     * @param header the header value, or null
     * @param now    the current time
     * @return the delay asked for (zero for a date in the past), or null when absent or unreadable
     */
    static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        Duration d;
        if (h.matches("^\\d{1,10}$")) {
            d = Duration.ofSeconds(Long.parseLong(h));
        } else {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                d = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return d.compareTo(CAP) > 0 ? CAP : d;
    }
}
