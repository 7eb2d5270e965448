package io.switchboard.gateway.channel.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Shared by the built-in channel adapters. Type-tolerant reads from a verified but untrusted payload: a field of the wrong type reads as absent
 * instead of throwing, so odd payloads never become a 500.
 */
public final class JsonFields {

    private static final BigDecimal SECONDS_LIMIT = new BigDecimal("1e11");
    private static final BigDecimal MILLIS_LIMIT = new BigDecimal("1e14");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private JsonFields() {
    }

    /** @return the field when it is an object, else null */
    public static JsonObject obj(JsonObject o, String key) {
        return o != null && o.getValue(key) instanceof JsonObject j ? j : null;
    }

    /** @return the field when it is an array, else null */
    public static JsonArray arr(JsonObject o, String key) {
        return o != null && o.getValue(key) instanceof JsonArray a ? a : null;
    }

    /** @return the element when it is an object, else null */
    public static JsonObject obj(JsonArray a, int i) {
        return a.getValue(i) instanceof JsonObject j ? j : null;
    }

    /**
     * @return the field as text when it is a non-blank string or a whole number (ids arrive as either), else
     *         null
     */
    public static String str(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        Object v = o.getValue(key);
        if (v instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return v.toString();
        }
        return null;
    }

    /** @return the field when it is a string (possibly blank), else null: for message text */
    public static String text(JsonObject o, String key) {
        return o != null && o.getValue(key) instanceof String s ? s : null;
    }

    /** @return the field as a boolean when it is {@code true}/{@code false} or their string forms, else null */
    public static Boolean bool(JsonObject o, String key) {
        Object v = o == null ? null : o.getValue(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /**
     * Reads a provider timestamp: epoch seconds or milliseconds, as a number or a string. Values below
     * 10^11 are seconds (10^11 s is the year 5138; 10^11 ms is 1973), values below 10^14 milliseconds.
     *
     * @return the instant, or null when the value is absent, not a number or out of range
     */
    public static Instant instant(Object v) {
        BigDecimal d;
        try {
            if (v instanceof Number n) {
                d = new BigDecimal(n.toString());
            } else if (v instanceof String s && !s.isBlank() && s.length() <= 32) {
                d = new BigDecimal(s.strip());
            } else {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (d.signum() <= 0 || d.compareTo(MILLIS_LIMIT) >= 0) {
            return null;
        }
        BigDecimal millis = d.compareTo(SECONDS_LIMIT) < 0 ? d.multiply(THOUSAND) : d;
        return Instant.ofEpochMilli(millis.longValue());
    }
}
