package io.switchboard.spi.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validated, typed configuration values of one component, as produced by
 * {@link ConfigSpec#validate(JsonObject, SecretResolver)}. Immutable. Getters take the key name; asking for
 * an undeclared key, or with the wrong type, is a programming error and throws
 * {@link IllegalArgumentException}. Optional keys without a default read as {@code null} (or use the
 * {@code find…} variants).
 */
public final class ConfigValues {

    private final ConfigSpec spec;
    private final Map<String, Object> values;

    ConfigValues(ConfigSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /**
     * Values for a spec with every key at its default: handy in tests.
     *
     * @param spec the spec
     * @return the values; keys without a default are absent
     * @throws ConfigException when the spec has required keys
     */
    public static ConfigValues defaults(ConfigSpec spec) {
        return spec.validate(new JsonObject(), SecretResolver.none()).orThrow(null);
    }

    /** @return the spec these values were validated against */
    public ConfigSpec spec() {
        return spec;
    }

    /**
     * @param key a key name
     * @return whether the key has a value (given or default)
     */
    public boolean has(String key) {
        declared(key);
        return values.get(key) != null;
    }

    private ConfigKey declared(String key) {
        return spec.key(key).orElseThrow(() -> new IllegalArgumentException("undeclared config key '" + key + "'"));
    }

    private <T> T get(String key, Class<T> type) {
        declared(key);
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("config key '" + key + "' is " + v.getClass().getSimpleName()
                    + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    /** @param key a STRING, ENUM or SECRET key @return the value or null */
    public String getString(String key) {
        return get(key, String.class);
    }

    /** @param key a STRING, ENUM or SECRET key @return the value, if any */
    public Optional<String> findString(String key) {
        return Optional.ofNullable(getString(key));
    }

    /** @param key an INT key @return the value; throws when absent */
    public int getInt(String key) {
        Integer v = get(key, Integer.class);
        if (v == null) {
            throw new IllegalArgumentException("config key '" + key + "' has no value");
        }
        return v;
    }

    /** @param key a LONG key @return the value; throws when absent */
    public long getLong(String key) {
        Long v = get(key, Long.class);
        if (v == null) {
            throw new IllegalArgumentException("config key '" + key + "' has no value");
        }
        return v;
    }

    /** @param key a DOUBLE key @return the value; throws when absent */
    public double getDouble(String key) {
        Double v = get(key, Double.class);
        if (v == null) {
            throw new IllegalArgumentException("config key '" + key + "' has no value");
        }
        return v;
    }

    /** @param key a BOOLEAN key @return the value; false when absent */
    public boolean getBoolean(String key) {
        Boolean v = get(key, Boolean.class);
        return v != null && v;
    }

    /** @param key a DURATION key @return the value or null */
    public Duration getDuration(String key) {
        return get(key, Duration.class);
    }

    /** @param key a LIST key @return the value; empty when absent */
    @SuppressWarnings("unchecked")
    public List<String> getList(String key) {
        List<String> v = get(key, List.class);
        return v == null ? List.of() : v;
    }

    /** @param key an OBJECT key declared with a nested spec @return the nested values */
    public ConfigValues getObject(String key) {
        return get(key, ConfigValues.class);
    }

    /**
     * @param key an ARRAY key declared with {@link ConfigKey#objects(String, ConfigSpec)}
     * @return the validated elements, in order; empty when absent
     * @since 1.0
     */
    @SuppressWarnings("unchecked")
    public List<ConfigValues> getObjects(String key) {
        List<ConfigValues> v = get(key, List.class);
        return v == null ? List.of() : v;
    }

    /** @param key a free-form OBJECT key @return a copy of the mapping, or null */
    public JsonObject getJson(String key) {
        JsonObject o = get(key, JsonObject.class);
        return o == null ? null : o.copy();
    }

    /** @param key an ARRAY key @return a copy of the sequence, or null */
    public JsonArray getArray(String key) {
        JsonArray a = get(key, JsonArray.class);
        return a == null ? null : a.copy();
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }

    /** {@return the values with secrets masked} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            boolean secret = spec.key(k).map(key -> key.type() == ConfigType.SECRET).orElse(false);
            sb.append(k).append('=').append(secret ? "****" : v);
        });
        return sb.append('}').toString();
    }
}
