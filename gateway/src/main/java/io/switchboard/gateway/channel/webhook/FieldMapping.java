package io.switchboard.gateway.channel.webhook;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The declarative mapping from a provider's JSON to the contact: each key names a part of the contact and its
 * value is a JSON Pointer (RFC 6901, e.g. {@code /data/customer/phone}) into the payload. {@code kind} and
 * {@code visibility} are either a constant or a pointer. Validated at start-up: a value that is not a pointer, an
 * unknown key, or a kind that does not exist fails start-up naming the key path.
 */
final class FieldMapping {

    private static final String KINDS = Arrays.stream(ContactKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));

    static final ConfigSpec SENDER = ConfigSpec.of(
            pointer("id", "The sender's immutable id at the provider (becomes `<provider>:global:<id>`)."),
            pointer("handle", "The sender's handle or user name."),
            pointer("name", "The sender's display name."),
            pointer("phone", "The sender's phone number, normalised to E.164 (national numbers need `defaultRegion`)."),
            pointer("email", "The sender's email address."));

    static final ConfigSpec RECIPIENT = ConfigSpec.of(
            ConfigKey.string("kind").defaultValue("account")
                    .doc("What the business endpoint is: `account`, `phone`, `email`, `page`, `bot`, …"),
            pointer("id", "The business endpoint's id at the provider."),
            pointer("address", "The business endpoint's address (number, email, handle)."),
            pointer("name", "The business endpoint's display name."));

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("kind").defaultValue("message").validate(FieldMapping::kind)
                    .doc("The contact kind: one of " + KINDS + ", or a JSON Pointer to a field holding one "
                            + "(events whose value is none of them are acknowledged and counted as `unmapped-kind`)."),
            ConfigKey.string("visibility").defaultValue("private").validate(FieldMapping::visibility)
                    .doc("`private` or `public`, or a JSON Pointer to a field holding one (anything else reads as "
                            + "private)."),
            pointer("eventId", "The provider's event id, used to de-duplicate. Default: the `webhook-id` header, "
                    + "which Standard Webhooks keeps stable across retries."),
            pointer("eventType", "The event type (e.g. `/type`). Needed by `eventTypes`."),
            pointer("occurredAt", "When it happened: epoch seconds or milliseconds (number or string) or ISO-8601."),
            pointer("text", "The message text."),
            pointer("subject", "A subject or title."),
            pointer("threadId", "The provider's conversation or thread id."),
            pointer("inReplyTo", "The id of the message this one answers."),
            ConfigKey.object("sender", SENDER).doc("Who sent it."),
            ConfigKey.object("recipient", RECIPIENT).doc("The business endpoint it was sent to."),
            ConfigKey.map("attributes").validate(FieldMapping::attributes)
                    .doc("Extra values kept on the contact under the `webhook` attribute namespace: "
                            + "`{name: /json/pointer}`."));

    private final JsonPointer eventId;
    private final JsonPointer eventType;
    private final ContactKind kind;
    private final JsonPointer kindPointer;
    private final Visibility visibility;
    private final JsonPointer visibilityPointer;
    private final Map<String, JsonPointer> fields = new LinkedHashMap<>();
    private final Map<String, JsonPointer> attributes = new LinkedHashMap<>();
    private final String recipientKind;

    FieldMapping(ConfigValues v) {
        eventId = compile(v.getString("eventId"));
        eventType = compile(v.getString("eventType"));
        String k = v.getString("kind");
        kindPointer = isPointer(k) ? compile(k) : null;
        kind = kindPointer == null ? ContactKind.valueOf(k.toUpperCase(Locale.ROOT)) : null;
        String vis = v.getString("visibility");
        visibilityPointer = isPointer(vis) ? compile(vis) : null;
        visibility = visibilityPointer == null ? Visibility.valueOf(vis.toUpperCase(Locale.ROOT)) : null;
        for (String f : List.of("occurredAt", "text", "subject", "threadId", "inReplyTo")) {
            put(fields, f, v.getString(f));
        }
        ConfigValues s = v.getObject("sender");
        for (String f : List.of("id", "handle", "name", "phone", "email")) {
            put(fields, "sender." + f, s.getString(f));
        }
        ConfigValues r = v.getObject("recipient");
        for (String f : List.of("id", "address", "name")) {
            put(fields, "recipient." + f, r.getString(f));
        }
        recipientKind = r.getString("kind");
        JsonObject attrs = v.getJson("attributes");
        if (attrs != null) {
            attrs.forEach(e -> attributes.put(e.getKey(), compile((String) e.getValue())));
        }
    }

    /** @return whether an event type pointer is configured */
    boolean hasEventType() {
        return eventType != null;
    }

    Object eventId(JsonObject payload) {
        return query(eventId, payload);
    }

    Object eventType(JsonObject payload) {
        return query(eventType, payload);
    }

    /** @return the constant kind, or the value at the kind pointer (null when the pointer finds nothing) */
    Object kind(JsonObject payload) {
        return kind != null ? kind : query(kindPointer, payload);
    }

    Object visibility(JsonObject payload) {
        return visibility != null ? visibility : query(visibilityPointer, payload);
    }

    /** @return the value at a field's pointer ({@code text}, {@code sender.phone}, …), or null */
    Object field(JsonObject payload, String name) {
        return query(fields.get(name), payload);
    }

    Map<String, JsonPointer> attributes() {
        return attributes;
    }

    String recipientKind() {
        return recipientKind;
    }

    static Object query(JsonPointer p, Object payload) {
        if (p == null) {
            return null;
        }
        try {
            return p.queryJson(payload);
        } catch (RuntimeException e) {
            return null; // an index into a non-array, a number out of range: absent
        }
    }

    private static void put(Map<String, JsonPointer> map, String name, String pointer) {
        if (pointer != null) {
            map.put(name, compile(pointer));
        }
    }

    private static JsonPointer compile(String pointer) {
        return pointer == null ? null : JsonPointer.from(pointer);
    }

    private static boolean isPointer(String s) {
        return s.startsWith("/");
    }

    private static ConfigKey pointer(String name, String doc) {
        return ConfigKey.string(name).validate(FieldMapping::pointerValue).doc(doc + " A JSON Pointer.");
    }

    /** @return a problem message when the text is not an RFC 6901 JSON Pointer, else null */
    static String pointerProblem(String p) {
        if (!p.isEmpty() && p.charAt(0) != '/') {
            return "must be a JSON Pointer (RFC 6901) starting with '/', such as /data/customer/phone";
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) == '~' && (i + 1 >= p.length() || (p.charAt(i + 1) != '0' && p.charAt(i + 1) != '1'))) {
                return "must be a JSON Pointer (RFC 6901): '~' must be followed by 0 or 1";
            }
        }
        try {
            JsonPointer.from(p);
        } catch (RuntimeException e) {
            return "must be a JSON Pointer (RFC 6901) such as /data/customer/phone";
        }
        return null;
    }

    private static List<ConfigProblem> pointerValue(String path, Object value) {
        String problem = pointerProblem((String) value);
        return problem == null ? List.of() : List.of(ConfigProblem.invalid(path, problem, value));
    }

    private static List<ConfigProblem> kind(String path, Object value) {
        String s = (String) value;
        if (isPointer(s)) {
            return pointerValue(path, s);
        }
        boolean known = Arrays.stream(ContactKind.values()).anyMatch(k -> k.name().equalsIgnoreCase(s));
        return known ? List.of() : List.of(ConfigProblem.invalid(path, "must be one of " + KINDS
                + ", or a JSON Pointer", s));
    }

    private static List<ConfigProblem> visibility(String path, Object value) {
        String s = (String) value;
        if (isPointer(s)) {
            return pointerValue(path, s);
        }
        return s.equalsIgnoreCase("private") || s.equalsIgnoreCase("public") ? List.of()
                : List.of(ConfigProblem.invalid(path, "must be private or public, or a JSON Pointer", s));
    }

    private static List<ConfigProblem> attributes(String path, Object value) {
        List<ConfigProblem> out = new ArrayList<>();
        ((JsonObject) value).forEach(e -> {
            String p = path + "." + e.getKey();
            if (e.getKey().isBlank()) {
                out.add(ConfigProblem.invalid(p, "attribute names must not be blank", null));
            } else if (!(e.getValue() instanceof String s)) {
                out.add(ConfigProblem.invalid(p, "must be a JSON Pointer string", null));
            } else {
                String problem = pointerProblem(s);
                if (problem != null) {
                    out.add(ConfigProblem.invalid(p, problem, s));
                }
            }
        });
        return out;
    }
}
