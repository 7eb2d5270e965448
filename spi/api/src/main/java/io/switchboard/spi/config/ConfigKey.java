package io.switchboard.spi.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One declared configuration key: its name, type, whether it is required or its default, how it is
 * validated, and its documentation. Immutable; build with the static factories and the {@code with…}
 * methods, e.g.
 *
 * <pre>{@code
 * ConfigKey.integer("maxBodyBytes").defaultValue(65536).validate(Validator.atLeast(1))
 *          .doc("Largest accepted request body, in bytes; larger requests get 413.")
 * }</pre>
 */
public final class ConfigKey {

    private final String name;
    private final ConfigType type;
    private final boolean required;
    private final Object defaultValue;
    private final String doc;
    private final List<Validator> validators;
    private final List<String> allowed;
    private final ConfigSpec nested;

    private ConfigKey(String name, ConfigType type, boolean required, Object defaultValue, String doc,
                      List<Validator> validators, List<String> allowed, ConfigSpec nested) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.required = required;
        this.defaultValue = defaultValue;
        this.doc = doc == null ? "" : doc;
        this.validators = List.copyOf(validators);
        this.allowed = List.copyOf(allowed);
        this.nested = nested;
    }

    private static ConfigKey of(String name, ConfigType type) {
        if (name == null || name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException("config key name must be non-blank without '.', but was '" + name + "'");
        }
        return new ConfigKey(name, type, false, null, "", List.of(), List.of(), null);
    }

    /** @param name the key name @return an optional string key */
    public static ConfigKey string(String name) {
        return of(name, ConfigType.STRING);
    }

    /**
     * A secret: written as {@code ${env:NAME}} or {@code ${file:/path}}, never as a literal. Its value
     * never appears in errors or logs.
     *
     * @param name the key name
     * @return an optional secret key
     */
    public static ConfigKey secret(String name) {
        return of(name, ConfigType.SECRET);
    }

    /** @param name the key name @return an optional int key */
    public static ConfigKey integer(String name) {
        return of(name, ConfigType.INT);
    }

    /** @param name the key name @return an optional long key */
    public static ConfigKey longValue(String name) {
        return of(name, ConfigType.LONG);
    }

    /** @param name the key name @return an optional double key */
    public static ConfigKey decimal(String name) {
        return of(name, ConfigType.DOUBLE);
    }

    /** @param name the key name @return an optional boolean key */
    public static ConfigKey bool(String name) {
        return of(name, ConfigType.BOOLEAN);
    }

    /** @param name the key name @return an optional duration key */
    public static ConfigKey duration(String name) {
        return of(name, ConfigType.DURATION);
    }

    /** @param name the key name @return an optional list-of-strings key */
    public static ConfigKey list(String name) {
        return of(name, ConfigType.LIST);
    }

    /**
     * @param name    the key name
     * @param allowed the allowed values, case-sensitive
     * @return an optional enumerated key
     */
    public static ConfigKey oneOf(String name, String... allowed) {
        if (allowed.length == 0) {
            throw new IllegalArgumentException("oneOf needs at least one allowed value");
        }
        ConfigKey k = of(name, ConfigType.ENUM);
        return new ConfigKey(k.name, k.type, false, null, "", List.of(), List.of(allowed), null);
    }

    /**
     * A nested mapping validated against its own spec; read back with {@link ConfigValues#getObject(String)}.
     *
     * @param name the key name
     * @param spec the nested spec
     * @return an optional object key; absent, it reads as the nested spec's defaults
     */
    public static ConfigKey object(String name, ConfigSpec spec) {
        ConfigKey k = of(name, ConfigType.OBJECT);
        return new ConfigKey(k.name, k.type, false, null, "", List.of(), List.of(), Objects.requireNonNull(spec));
    }

    /**
     * A free-form mapping, read back as a {@code JsonObject}; give it a validator.
     *
     * @param name the key name
     * @return an optional object key
     */
    public static ConfigKey map(String name) {
        return of(name, ConfigType.OBJECT);
    }

    /**
     * A sequence of mappings, each validated against the nested spec (secrets resolved, problems reported as
     * {@code name[i].key}); read back with {@link ConfigValues#getObjects(String)}.
     *
     * @param name the key name
     * @param spec the spec of each element
     * @return an optional sequence key; absent, it reads as an empty list
     * @since 1.0
     */
    public static ConfigKey objects(String name, ConfigSpec spec) {
        ConfigKey k = of(name, ConfigType.ARRAY);
        return new ConfigKey(k.name, k.type, false, null, "", List.of(), List.of(), Objects.requireNonNull(spec));
    }

    /**
     * A free-form sequence, read back as a {@code JsonArray}; give it a validator.
     *
     * @param name the key name
     * @return an optional array key
     */
    public static ConfigKey array(String name) {
        return of(name, ConfigType.ARRAY);
    }

    /** @return a copy of this key that must be present */
    public ConfigKey required() {
        return new ConfigKey(name, type, true, null, doc, validators, allowed, nested);
    }

    /**
     * @param value the default, of the key's converted type ({@code Integer} for INT, {@code Duration}
     *              or a duration string for DURATION, {@code List<String>} for LIST, …)
     * @return a copy of this key with the default
     */
    public ConfigKey defaultValue(Object value) {
        return new ConfigKey(name, type, false, value, doc, validators, allowed, nested);
    }

    /**
     * @param documentation one or two sentences for the configuration reference
     * @return a copy of this key with the documentation
     */
    public ConfigKey doc(String documentation) {
        return new ConfigKey(name, type, required, defaultValue, documentation, validators, allowed, nested);
    }

    /**
     * @param validator an additional check on the converted value
     * @return a copy of this key with the validator added
     */
    public ConfigKey validate(Validator validator) {
        List<Validator> v = new ArrayList<>(validators);
        v.add(Objects.requireNonNull(validator));
        return new ConfigKey(name, type, required, defaultValue, doc, v, allowed, nested);
    }

    /** @return the key name */
    public String name() {
        return name;
    }

    /** @return the type */
    public ConfigType type() {
        return type;
    }

    /** @return whether the key must be present */
    public boolean isRequired() {
        return required;
    }

    /** @return the default value, or null */
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return the documentation */
    public String documentation() {
        return doc;
    }

    /** @return the validators */
    public List<Validator> validators() {
        return validators;
    }

    /** @return the allowed values of an ENUM key, empty otherwise */
    public List<String> allowedValues() {
        return Collections.unmodifiableList(allowed);
    }

    /**
     * @return the nested spec of an OBJECT key declared with {@link #object(String, ConfigSpec)} or of an ARRAY key
     *         declared with {@link #objects(String, ConfigSpec)}, or null
     */
    public ConfigSpec nestedSpec() {
        return nested;
    }

    @Override
    public String toString() {
        return name + ":" + type;
    }
}
