package io.switchboard.spi.contact;

import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Namespaced attributes: extra data a channel adapter or a plugin attaches to a contact, under its own
 * namespace (e.g. {@code web-form} for extra form fields, {@code twilio} for geo fields). Immutable: the
 * values are deep-copied on the way in and on the way out.
 */
public final class Attributes {

    /** No attributes. */
    public static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, JsonObject> byNamespace;

    private Attributes(Map<String, JsonObject> byNamespace) {
        this.byNamespace = byNamespace;
    }

    /**
     * Attributes from a map of namespace to values.
     *
     * @param values the values; copied
     * @return the attributes
     */
    public static Attributes of(Map<String, JsonObject> values) {
        if (values == null || values.isEmpty()) {
            return EMPTY;
        }
        Map<String, JsonObject> copy = new LinkedHashMap<>();
        values.forEach((ns, obj) -> copy.put(requireNamespace(ns), obj == null ? new JsonObject() : obj.copy()));
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    private static String requireNamespace(String ns) {
        if (ns == null || ns.isBlank()) {
            throw new IllegalArgumentException("attribute namespace must be non-blank, but was '" + ns + "'");
        }
        return ns;
    }

    /** @return the namespaces present */
    public Set<String> namespaces() {
        return byNamespace.keySet();
    }

    /**
     * @param namespace a namespace
     * @return a copy of the namespace's values; empty when absent
     */
    public JsonObject namespace(String namespace) {
        JsonObject o = byNamespace.get(namespace);
        return o == null ? new JsonObject() : o.copy();
    }

    /**
     * @param namespace a namespace
     * @param key       a key within it
     * @return the value as a string, or null
     */
    public String getString(String namespace, String key) {
        JsonObject o = byNamespace.get(namespace);
        if (o == null) {
            return null;
        }
        Object v = o.getValue(key);
        return v == null ? null : String.valueOf(v);
    }

    /**
     * A copy with one value set.
     *
     * @param namespace the namespace
     * @param key       the key
     * @param value     a JSON-compatible value (string, number, boolean, JsonObject, JsonArray)
     * @return the new attributes
     */
    public Attributes with(String namespace, String key, Object value) {
        Map<String, JsonObject> copy = new LinkedHashMap<>(byNamespace);
        JsonObject o = namespace(requireNamespace(namespace));
        o.put(key, value);
        copy.put(namespace, o);
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    /**
     * A copy with a whole namespace replaced.
     *
     * @param namespace the namespace
     * @param values    its values
     * @return the new attributes
     */
    public Attributes withNamespace(String namespace, JsonObject values) {
        Map<String, JsonObject> copy = new LinkedHashMap<>(byNamespace);
        copy.put(requireNamespace(namespace), values == null ? new JsonObject() : values.copy());
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    /** @return the attributes as one JSON object, namespace to values (a copy) */
    public JsonObject toJson() {
        JsonObject out = new JsonObject();
        byNamespace.forEach((ns, o) -> out.put(ns, o.copy()));
        return out;
    }

    /** The namespaces and their values, not copied: for {@link ContactJson}'s encoder, which only reads them. */
    Map<String, JsonObject> view() {
        return byNamespace;
    }

    /** @return whether there are no attributes */
    public boolean isEmpty() {
        return byNamespace.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && a.byNamespace.equals(byNamespace);
    }

    @Override
    public int hashCode() {
        return byNamespace.hashCode();
    }

    /** {@return the namespaces only: attribute values may carry personal data} */
    @Override
    public String toString() {
        return "Attributes" + byNamespace.keySet();
    }
}
