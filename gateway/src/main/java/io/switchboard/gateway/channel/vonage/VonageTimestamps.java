package io.switchboard.gateway.channel.vonage;

import io.switchboard.gateway.channel.internal.JsonFields;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Vonage's timestamps, which differ between APIs and even fields: ISO-8601 with {@code Z}
 * ({@code 2020-01-01T15:43:21Z}, {@code 2020-01-01T14:00:03.010Z}) or an offset ({@code +00:00},
 * {@code +0000}); date and time separated by a space without a zone ({@code 2020-01-01 12:00:00}, the legacy
 * SMS {@code message-timestamp}, in UTC); and epoch seconds or milliseconds, as numbers or strings.
 */
final class VonageTimestamps {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private VonageTimestamps() {
    }

    /**
     * @param value a JSON value
     * @return the instant, or null when absent or not a timestamp in any of Vonage's forms
     */
    static Instant parse(Object value) {
        if (value instanceof Number) {
            return JsonFields.instant(value);
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > 40) {
            return null;
        }
        String t = s.strip();
        if (t.chars().allMatch(Character::isDigit)) {
            return JsonFields.instant(t);
        }
        try {
            TemporalAccessor parsed = FORMAT.parse(t);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).toInstant();
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
