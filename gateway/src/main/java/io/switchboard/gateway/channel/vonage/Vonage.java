package io.switchboard.gateway.channel.vonage;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.PhoneNumbers;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/** What both Vonage adapters share: names, and small helpers for untrusted payloads. */
final class Vonage {

    /** Provider name in provider refs and user ids. */
    static final String PROVIDER = "vonage";
    /** Attribute namespace. */
    static final String NAMESPACE = "vonage";

    private static final Pattern TOKEN = Pattern.compile("^[a-z][a-z0-9_:-]{0,31}$");

    private Vonage() {
    }

    /**
     * Keeps metric labels and event types low-cardinality: a provider value as it is when it looks like one
     * of Vonage's lower-case names, else {@code unknown}.
     */
    static String token(String value) {
        return value != null && TOKEN.matcher(value).matches() ? value : "unknown";
    }

    /**
     * A number as Vonage sends it (international, usually without the plus): E.164 when it is a possible
     * number, else kept as written with no E.164; never dropped.
     */
    static PhoneNumber phone(PhoneNumbers phones, String raw) {
        return raw == null ? null : phones.normalise(raw, null, Assurance.PROVIDER);
    }

    /** The business number as an endpoint: E.164 address when possible, else the number as sent. */
    static Endpoint phoneEndpoint(PhoneNumbers phones, String raw) {
        if (raw == null) {
            return null;
        }
        PhoneNumber p = phone(phones, raw);
        return new Endpoint("phone", null, p.e164() != null ? p.e164() : raw, null);
    }

    static Contact.Builder withAttributes(Contact.Builder b, JsonObject attrs) {
        return attrs.isEmpty() ? b : b.attributes(b.attributes().withNamespace(NAMESPACE, attrs));
    }

    static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
