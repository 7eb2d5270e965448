package io.switchboard.spi.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The declared configuration of one component: an ordered set of {@link ConfigKey}s.
 *
 * <p>{@link #validate(JsonObject, SecretResolver)} converts a raw mapping into typed {@link ConfigValues},
 * collecting every problem (unknown keys, missing required keys, wrong types, failed validators, missing
 * secrets) rather than stopping at the first. {@link #toMarkdown()} renders the reference documentation
 * from the same declarations, so documentation and code cannot drift.
 */
public final class ConfigSpec {

    private static final Pattern SECRET_REF = Pattern.compile("^\\$\\{(?:(env|file):)?([^}]+)}$");
    private static final Pattern DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|h|d)$");

    private final Map<String, ConfigKey> keys;
    private final boolean allowUnknownKeys;

    private ConfigSpec(Map<String, ConfigKey> keys, boolean allowUnknownKeys) {
        this.keys = keys;
        this.allowUnknownKeys = allowUnknownKeys;
    }

    /**
     * An empty spec: a component without configuration. Any key given to it is reported as unknown.
     *
     * @return the spec
     */
    public static ConfigSpec empty() {
        return new ConfigSpec(Map.of(), false);
    }

    /**
     * A spec of the given keys, in documentation order.
     *
     * @param keys the keys; names must be unique
     * @return the spec
     */
    public static ConfigSpec of(ConfigKey... keys) {
        return of(List.of(keys));
    }

    /**
     * A spec of the given keys, in documentation order.
     *
     * @param keys the keys; names must be unique
     * @return the spec
     */
    public static ConfigSpec of(Collection<ConfigKey> keys) {
        Map<String, ConfigKey> map = new LinkedHashMap<>();
        for (ConfigKey k : keys) {
            if (map.putIfAbsent(k.name(), k) != null) {
                throw new IllegalArgumentException("config key '" + k.name() + "' declared twice");
            }
        }
        return new ConfigSpec(java.util.Collections.unmodifiableMap(map), false);
    }

    /**
     * This spec plus more keys (e.g. a base spec shared by several components).
     *
     * @param more the keys to add
     * @return a new spec
     */
    public ConfigSpec with(ConfigKey... more) {
        List<ConfigKey> all = new ArrayList<>(keys.values());
        all.addAll(List.of(more));
        ConfigSpec s = of(all);
        return allowUnknownKeys ? s.allowingUnknownKeys() : s;
    }

    /**
     * A copy of this spec that ignores keys it does not declare (for sections another component
     * validates), instead of reporting them.
     *
     * @return the spec
     */
    public ConfigSpec allowingUnknownKeys() {
        return new ConfigSpec(keys, true);
    }

    /** @return the declared keys in declaration order */
    public Collection<ConfigKey> keys() {
        return keys.values();
    }

    /**
     * @param name a key name
     * @return the key, if declared
     */
    public Optional<ConfigKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /**
     * Validates and converts a raw configuration mapping.
     *
     * @param raw     the mapping as read from YAML; null is treated as empty
     * @param secrets resolves {@code ${env:…}} and {@code ${file:…}} references
     * @return the result: values (possibly partial) and every problem found, with paths relative to
     *         {@code raw}
     */
    public Validation validate(JsonObject raw, SecretResolver secrets) {
        JsonObject in = raw == null ? new JsonObject() : raw;
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (!allowUnknownKeys) {
            for (String given : in.fieldNames()) {
                if (!keys.containsKey(given)) {
                    problems.add(ConfigProblem.invalid(given, unknownKeyMessage(given), null));
                }
            }
        }
        for (ConfigKey key : keys.values()) {
            Object value = in.getValue(key.name());
            if (value == null) {
                if (key.isRequired()) {
                    problems.add(ConfigProblem.invalid(key.name(), "is required", null));
                } else if (key.nestedSpec() != null && key.type() == ConfigType.ARRAY) {
                    values.put(key.name(), List.of());
                } else if (key.nestedSpec() != null) {
                    Validation nested = key.nestedSpec().validate(new JsonObject(), secrets);
                    nested.problems().forEach(p -> problems.add(p.under(key.name())));
                    values.put(key.name(), nested.values());
                } else if (key.defaultValue() != null) {
                    values.put(key.name(), normaliseDefault(key));
                }
                continue;
            }
            int before = problems.size();
            Object converted = convert(key, value, secrets, problems);
            if (problems.size() == before && converted != null) {
                for (Validator v : key.validators()) {
                    problems.addAll(v.validate(key.name(), converted));
                }
                values.put(key.name(), converted);
            }
        }
        return new Validation(new ConfigValues(this, values), List.copyOf(problems));
    }

    private String unknownKeyMessage(String given) {
        if (keys.isEmpty()) {
            return "is not a known key (this component takes no configuration)";
        }
        return "is not a known key; known keys are " + String.join(", ", keys.keySet());
    }

    private static Object normaliseDefault(ConfigKey key) {
        Object d = key.defaultValue();
        if (key.type() == ConfigType.DURATION && d instanceof String s) {
            return parseDuration(s);
        }
        if (key.type() == ConfigType.LONG && d instanceof Integer i) {
            return i.longValue();
        }
        if (key.type() == ConfigType.DOUBLE && d instanceof Number n) {
            return n.doubleValue();
        }
        return d;
    }

    private Object convert(ConfigKey key, Object value, SecretResolver secrets, List<ConfigProblem> problems) {
        String path = key.name();
        switch (key.type()) {
            case STRING:
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    String s = String.valueOf(value);
                    if (SECRET_REF.matcher(s.trim()).matches()) {
                        // A reference in a non-secret key: resolve it too (e.g. a URL from the environment).
                        return resolveSecret(path, s.trim(), secrets, problems, false);
                    }
                    return s;
                }
                problems.add(ConfigProblem.invalid(path, "must be a string", describe(value)));
                return null;
            case SECRET:
                if (!(value instanceof String s)) {
                    problems.add(ConfigProblem.invalid(path,
                            "must be a secret reference such as ${env:NAME} or ${file:/path}", null));
                    return null;
                }
                return resolveSecret(path, s.trim(), secrets, problems, true);
            case INT:
                return toNumber(path, value, problems, true);
            case LONG: {
                Object n = toNumber(path, value, problems, false);
                return n == null ? null : ((Number) n).longValue();
            }
            case DOUBLE:
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                if (value instanceof String s) {
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        // fall through
                    }
                }
                problems.add(ConfigProblem.invalid(path, "must be a number", describe(value)));
                return null;
            case BOOLEAN:
                if (value instanceof Boolean b) {
                    return b;
                }
                if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s);
                }
                problems.add(ConfigProblem.invalid(path, "must be true or false", describe(value)));
                return null;
            case DURATION:
                if (value instanceof String s) {
                    Duration d = parseDuration(s);
                    if (d != null) {
                        return d;
                    }
                }
                problems.add(ConfigProblem.invalid(path,
                        "must be a duration such as 250ms, 5s, 10m, 72h or 7d", describe(value)));
                return null;
            case LIST:
                if (value instanceof JsonArray arr) {
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < arr.size(); i++) {
                        Object item = arr.getValue(i);
                        if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                            out.add(String.valueOf(item));
                        } else {
                            problems.add(ConfigProblem.invalid(path + "[" + i + "]", "must be a string", describe(item)));
                        }
                    }
                    return List.copyOf(out);
                }
                if (value instanceof String s) {
                    return s.isBlank() ? List.of() : List.of(s.split("\\s*,\\s*"));
                }
                problems.add(ConfigProblem.invalid(path, "must be a list of strings", describe(value)));
                return null;
            case ENUM:
                if (value instanceof String s && key.allowedValues().contains(s)) {
                    return s;
                }
                problems.add(ConfigProblem.invalid(path,
                        "must be one of " + String.join(", ", key.allowedValues()), describe(value)));
                return null;
            case OBJECT:
                if (!(value instanceof JsonObject obj)) {
                    problems.add(ConfigProblem.invalid(path, "must be a mapping", describe(value)));
                    return null;
                }
                if (key.nestedSpec() != null) {
                    Validation nested = key.nestedSpec().validate(obj, secrets);
                    nested.problems().forEach(p -> problems.add(p.under(path)));
                    return nested.values();
                }
                return obj.copy();
            case ARRAY:
                if (value instanceof JsonArray arr && key.nestedSpec() != null) {
                    List<ConfigValues> items = new ArrayList<>();
                    for (int i = 0; i < arr.size(); i++) {
                        String itemPath = path + "[" + i + "]";
                        if (!(arr.getValue(i) instanceof JsonObject item)) {
                            problems.add(ConfigProblem.invalid(itemPath, "must be a mapping", describe(arr.getValue(i))));
                            continue;
                        }
                        Validation nested = key.nestedSpec().validate(item, secrets);
                        nested.problems().forEach(p -> problems.add(p.under(itemPath)));
                        items.add(nested.values());
                    }
                    return List.copyOf(items);
                }
                if (value instanceof JsonArray arr) {
                    return arr.copy();
                }
                problems.add(ConfigProblem.invalid(path, "must be a sequence", describe(value)));
                return null;
            default:
                throw new IllegalStateException("unhandled type " + key.type());
        }
    }

    private static Object toNumber(String path, Object value, List<ConfigProblem> problems, boolean isInt) {
        Long parsed = null;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            parsed = ((Number) value).longValue();
        } else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            parsed = n.longValue();
        } else if (value instanceof String s) {
            try {
                parsed = Long.parseLong(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                parsed = null;
            }
        }
        if (parsed == null) {
            problems.add(ConfigProblem.invalid(path, "must be a whole number", describe(value)));
            return null;
        }
        if (isInt) {
            if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
                problems.add(ConfigProblem.invalid(path, "must fit in 32 bits", value));
                return null;
            }
            return parsed.intValue();
        }
        return parsed;
    }

    private static String resolveSecret(String path, String ref, SecretResolver secrets,
                                        List<ConfigProblem> problems, boolean secretKey) {
        Matcher m = SECRET_REF.matcher(ref);
        if (!m.matches()) {
            problems.add(ConfigProblem.invalid(path,
                    "must reference a secret as ${env:NAME} or ${file:/path}; literal secrets are not allowed in configuration files",
                    null));
            return null;
        }
        String scheme = m.group(1) == null ? "env" : m.group(1);
        String name = m.group(2).trim();
        Optional<String> resolved = secrets.resolve(scheme, name);
        if (resolved.isEmpty() || (secretKey && resolved.get().isEmpty())) {
            String what = scheme.equals("env")
                    ? "environment variable " + name + " is not set"
                    : "file " + name + " cannot be read";
            problems.add(secretKey ? ConfigProblem.missingSecret(path, what) : ConfigProblem.invalid(path, what, null));
            return null;
        }
        return resolved.get();
    }

    /**
     * Parses a duration: {@code 250ms}, {@code 5s}, {@code 10m}, {@code 72h}, {@code 7d}, or ISO-8601.
     *
     * @param text the text
     * @return the duration, or null when the text is not a duration
     */
    public static Duration parseDuration(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> null;
            };
        }
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String describe(Object value) {
        if (value instanceof JsonObject) {
            return "a mapping";
        }
        if (value instanceof JsonArray) {
            return "a sequence";
        }
        return String.valueOf(value);
    }

    /**
     * Renders the reference documentation of this spec as a Markdown table.
     *
     * @return the table, one row per key, nested specs flattened with dotted paths
     */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| key | type | default | description |\n|---|---|---|---|\n");
        appendRows(sb, "");
        return sb.toString();
    }

    private void appendRows(StringBuilder sb, String prefix) {
        for (ConfigKey k : keys.values()) {
            String type = switch (k.type()) {
                case ENUM -> "one of " + k.allowedValues().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
                case SECRET -> "secret (`${env:NAME}` or `${file:/path}`)";
                case ARRAY -> k.nestedSpec() != null ? "sequence of mappings" : "array";
                default -> k.type().name().toLowerCase(Locale.ROOT);
            };
            String def = k.isRequired() ? "**required**"
                    : k.defaultValue() == null ? "" : "`" + formatDefault(k.defaultValue()) + "`";
            sb.append("| `").append(prefix).append(k.name()).append("` | ").append(type).append(" | ")
                    .append(def).append(" | ").append(k.documentation().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
            if (k.nestedSpec() != null) {
                k.nestedSpec().appendRows(sb, prefix + k.name() + (k.type() == ConfigType.ARRAY ? "[]." : "."));
            }
        }
    }

    private static String formatDefault(Object d) {
        if (d instanceof Duration dur) {
            return ConfigValues.formatDuration(dur);
        }
        if (d instanceof List<?> l) {
            return String.join(", ", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(d);
    }

    /**
     * The outcome of {@link #validate(JsonObject, SecretResolver)}.
     *
     * @param values   the converted values (complete only when {@code problems} is empty)
     * @param problems every problem found, with key paths relative to the validated mapping
     */
    public record Validation(ConfigValues values, List<ConfigProblem> problems) {

        /** @return true when no problem was found */
        public boolean isValid() {
            return problems.isEmpty();
        }

        /**
         * The values, or an exception carrying every problem.
         *
         * @param source the file the configuration came from, for the message
         * @return the values
         * @throws ConfigException when there are problems
         */
        public ConfigValues orThrow(String source) {
            if (!problems.isEmpty()) {
                throw new ConfigException(source, problems);
            }
            return values;
        }
    }
}
