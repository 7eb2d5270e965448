package io.switchboard.gateway.sink.http;

import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The http sink's request templates: text with {@code {{ … }}} expressions over the contact's JSON form
 * (docs/contact-model.md).
 *
 * <pre>
 * expression  = choice { "??" choice } { "|" filter }
 * choice      = path | "'" literal "'"
 * path        = "$" | name { "." name }          (a number as name indexes an array)
 * filter      = "truncate:" N | "lower" | "upper"
 * </pre>
 *
 * {@code a ?? b ?? 'none'} takes the first choice that has a value (absent, null and empty strings have none).
 * Nothing else is evaluated: no method calls, no loops, no access outside the contact.
 *
 * <p>Where a value goes decides how it is escaped: in a JSON body the template is itself JSON (a YAML mapping in
 * the configuration) and each string in it is rendered, then the document is encoded by the JSON library, so a
 * value can never break out of its string; a string that is exactly one expression takes the value's own JSON
 * type (number, object, …) and, when the value is absent, removes its key (or array element). An object with a
 * {@code "$if"} key is kept only when that expression has a value. In a URL path each value is percent-encoded
 * as one path segment; in a header, control characters are replaced by spaces.
 */
final class ContactTemplate {

    /** The contact JSON's schema: paths are checked against it, so a misspelt field fails at start-up. */
    private static final JsonObject SCHEMA = loadSchema();

    private static JsonObject loadSchema() {
        try (java.io.InputStream in = ContactJson.class.getResourceAsStream(ContactJson.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("contact schema " + ContactJson.SCHEMA_RESOURCE + " not on the classpath");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Checks a path against the contact schema.
     *
     * @param path the path segments
     * @return null when the path can exist, else what is wrong
     */
    static String checkPath(String[] path) {
        JsonObject node = SCHEMA;
        StringBuilder at = new StringBuilder();
        for (String seg : path) {
            node = deref(node);
            JsonObject props = node.getJsonObject("properties");
            Object additional = node.getValue("additionalProperties");
            if (props != null && props.containsKey(seg)) {
                node = props.getJsonObject(seg);
            } else if (additional instanceof JsonObject free) {
                node = free;
            } else if ("array".equals(node.getString("type")) && seg.matches("^\\d{1,9}$")) {
                node = node.getJsonObject("items", new JsonObject());
            } else if (props != null) {
                return "unknown contact field '" + (at.length() == 0 ? seg : at + "." + seg) + "'; "
                        + (at.length() == 0 ? "the contact" : "'" + at + "'") + " has "
                        + String.join(", ", props.fieldNames());
            } else if ("array".equals(node.getString("type"))) {
                return "'" + at + "' is a list: index it with a number, e.g. " + at + ".0";
            } else {
                return null; // free-form from here on
            }
            at.append(at.length() == 0 ? "" : ".").append(seg);
        }
        return null;
    }

    private static JsonObject deref(JsonObject node) {
        String ref = node.getString("$ref");
        if (ref != null && ref.startsWith("#/$defs/")) {
            return SCHEMA.getJsonObject("$defs").getJsonObject(ref.substring("#/$defs/".length()), new JsonObject());
        }
        return node;
    }

    /** What a template is rendered into. */
    enum Target {
        /** A string inside a JSON document. */
        JSON,
        /** A URL path: each value is one percent-encoded path segment. */
        PATH,
        /** An HTTP header value. */
        HEADER
    }

    /** A value that is absent. */
    private static final Object MISSING = new Object();

    private final String source;
    private final List<Object> parts; // String literals and Expr
    private final Expr whole;         // non-null when the template is exactly one expression

    private ContactTemplate(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
        this.whole = parts.size() == 1 && parts.get(0) instanceof Expr e ? e : null;
    }

    /**
     * @param text the template text
     * @return the parsed template
     * @throws IllegalArgumentException naming what is wrong
     */
    static ContactTemplate parse(String text) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                parts.add(text.substring(i));
                break;
            }
            if (open > i) {
                parts.add(text.substring(i, open));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("'{{' at " + open + " is not closed with '}}'");
            }
            parts.add(Expr.parse(text.substring(open + 2, close)));
            i = close + 2;
        }
        return new ContactTemplate(text, List.copyOf(parts));
    }

    /** @return whether the text has any expression */
    boolean hasExpressions() {
        return parts.stream().anyMatch(p -> p instanceof Expr);
    }

    /** @return the template as written */
    String source() {
        return source;
    }

    /**
     * Renders as text.
     *
     * @param contact the contact JSON
     * @param target  where the text goes
     * @return the text; absent values render empty
     * @throws MissingValueException for a URL path whose value is absent (such a request cannot be built)
     */
    String render(JsonObject contact, Target target) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
                continue;
            }
            Expr e = (Expr) p;
            Object v = e.evaluate(contact);
            if (v == MISSING) {
                if (target == Target.PATH) {
                    throw new MissingValueException("no value for {{" + e.source + "}} in the URL path");
                }
                continue;
            }
            String text = text(v);
            sb.append(switch (target) {
                case JSON -> text;
                case PATH -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
                case HEADER -> text.replaceAll("[\\x00-\\x1f\\x7f]", " ");
            });
        }
        return sb.toString();
    }

    /**
     * @param contact the contact JSON
     * @return the value of a template that is exactly one expression, keeping its JSON type; {@code null} when it
     *         is absent. For other templates, the rendered text.
     */
    Object value(JsonObject contact) {
        if (whole != null) {
            Object v = whole.evaluate(contact);
            return v == MISSING ? null : v;
        }
        return render(contact, Target.JSON);
    }

    private static String text(Object v) {
        if (v instanceof JsonObject o) {
            return o.encode();
        }
        if (v instanceof JsonArray a) {
            return a.encode();
        }
        return String.valueOf(v);
    }

    /** A request that cannot be built from this contact. */
    static final class MissingValueException extends RuntimeException {
        MissingValueException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // JSON document templates

    /**
     * Parses every string of a JSON template document.
     *
     * @param doc the template (a JsonObject, JsonArray or scalar)
     * @param at  its path, for messages
     * @return the problems found, as {@code path: message}; empty when valid
     */
    static Map<String, String> check(Object doc, String at) {
        Map<String, String> problems = new LinkedHashMap<>();
        walkCheck(doc, at, problems);
        return problems;
    }

    private static void walkCheck(Object node, String at, Map<String, String> problems) {
        if (node instanceof JsonObject o) {
            for (String k : o.fieldNames()) {
                walkCheck(o.getValue(k), at + "." + k, problems);
            }
        } else if (node instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                walkCheck(a.getValue(i), at + "[" + i + "]", problems);
            }
        } else if (node instanceof String s) {
            try {
                parse(s);
            } catch (IllegalArgumentException e) {
                problems.put(at, "invalid template: " + e.getMessage());
            }
        }
    }

    /**
     * Parses a JSON template document once, for rendering per contact.
     *
     * @param doc the template (a JsonObject, JsonArray or scalar), checked with {@link #check}
     * @return the compiled document
     */
    static Compiled compile(Object doc) {
        return new Compiled(compileNode(doc));
    }

    private static Object compileNode(Object node) {
        if (node instanceof JsonObject o) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : o.fieldNames()) {
                m.put(k, compileNode(o.getValue(k)));
            }
            return new ObjectNode(Collections.unmodifiableMap(m));
        }
        if (node instanceof JsonArray a) {
            List<Object> l = new ArrayList<>();
            for (Object v : a) {
                l.add(compileNode(v));
            }
            return new ArrayNode(List.copyOf(l));
        }
        if (node instanceof String s) {
            ContactTemplate t = parse(s);
            return t.hasExpressions() ? t : s;
        }
        return node; // numbers, booleans, null: as written
    }

    private record ObjectNode(Map<String, Object> fields) {
    }

    private record ArrayNode(List<Object> items) {
    }

    /** A parsed JSON template document. Immutable and thread-safe. */
    static final class Compiled {
        private final Object root;

        private Compiled(Object root) {
            this.root = root;
        }

        /**
         * @param contact the contact JSON
         * @return the rendered document; JSON null when the whole document was conditional and absent
         */
        Object render(JsonObject contact) {
            Object v = renderNode(root, contact);
            return v == MISSING ? null : v;
        }

        private static Object renderNode(Object node, JsonObject contact) {
            if (node instanceof ObjectNode o) {
                Object cond = o.fields().get("$if");
                if (cond != null) {
                    Object c = cond instanceof ContactTemplate t ? t.value(contact) : cond;
                    if (c == null || (c instanceof String s && s.isEmpty())) {
                        return MISSING;
                    }
                }
                JsonObject out = new JsonObject();
                o.fields().forEach((k, v) -> {
                    if (!k.equals("$if")) {
                        Object r = renderNode(v, contact);
                        if (r != MISSING) {
                            out.put(k, r);
                        }
                    }
                });
                return out;
            }
            if (node instanceof ArrayNode a) {
                JsonArray out = new JsonArray();
                for (Object item : a.items()) {
                    Object r = renderNode(item, contact);
                    if (r != MISSING) {
                        out.add(r);
                    }
                }
                return out;
            }
            if (node instanceof ContactTemplate t) {
                Object v = t.value(contact);
                return v == null ? MISSING : v;
            }
            return node;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Expressions

    private static final class Expr {
        private final String source;
        private final List<Object> choices; // String[] path, or Literal
        private final List<String[]> filters;

        private Expr(String source, List<Object> choices, List<String[]> filters) {
            this.source = source;
            this.choices = choices;
            this.filters = filters;
        }

        static Expr parse(String raw) {
            String src = raw.trim();
            if (src.isEmpty()) {
                throw new IllegalArgumentException("empty expression '{{}}'");
            }
            List<String> pipe = splitOutsideQuotes(src, "|");
            List<Object> choices = new ArrayList<>();
            for (String c : splitOutsideQuotes(pipe.get(0), "??")) {
                choices.add(choice(c.trim(), src));
            }
            List<String[]> filters = new ArrayList<>();
            for (int i = 1; i < pipe.size(); i++) {
                filters.add(filter(pipe.get(i).trim(), src));
            }
            return new Expr(src, List.copyOf(choices), List.copyOf(filters));
        }

        private static Object choice(String c, String src) {
            if (c.isEmpty()) {
                throw new IllegalArgumentException("empty choice in {{" + src + "}}");
            }
            if (c.startsWith("'")) {
                if (c.length() < 2 || !c.endsWith("'")) {
                    throw new IllegalArgumentException("unterminated literal in {{" + src + "}}");
                }
                String body = c.substring(1, c.length() - 1);
                if (body.replace("\\'", "").contains("'")) {
                    throw new IllegalArgumentException("a quote inside a literal must be written \\' in {{" + src + "}}");
                }
                return new Literal(body.replace("\\'", "'"));
            }
            if (c.equals("$")) {
                return new String[0];
            }
            String[] path = c.split("\\.", -1);
            for (String seg : path) {
                if (!seg.matches("^[A-Za-z0-9_-]+$")) {
                    throw new IllegalArgumentException("'" + c + "' is not a path such as sender.email.address");
                }
            }
            String problem = checkPath(path);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return path;
        }

        private static String[] filter(String f, String src) {
            String[] nameArg = f.split(":", 2);
            switch (nameArg[0].trim()) {
                case "lower", "upper" -> {
                    if (nameArg.length > 1) {
                        throw new IllegalArgumentException("filter '" + nameArg[0] + "' takes no argument");
                    }
                    return new String[] {nameArg[0].trim()};
                }
                case "truncate" -> {
                    if (nameArg.length < 2 || !nameArg[1].trim().matches("^[1-9][0-9]{0,6}$")) {
                        throw new IllegalArgumentException("truncate needs a length, e.g. truncate:150, in {{" + src + "}}");
                    }
                    return new String[] {"truncate", nameArg[1].trim()};
                }
                default -> throw new IllegalArgumentException("unknown filter '" + nameArg[0].trim()
                        + "'; filters are truncate:N, lower, upper");
            }
        }

        private static List<String> splitOutsideQuotes(String s, String sep) {
            List<String> out = new ArrayList<>();
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '\\' && quoted && i + 1 < s.length()) {
                    i++;
                } else if (ch == '\'') {
                    quoted = !quoted;
                } else if (!quoted && s.startsWith(sep, i)) {
                    out.add(s.substring(start, i));
                    start = i + sep.length();
                    i += sep.length() - 1;
                }
            }
            out.add(s.substring(start));
            return out;
        }

        Object evaluate(JsonObject contact) {
            Object v = MISSING;
            for (Object c : choices) {
                Object candidate = c instanceof Literal l ? l.text() : lookup(contact, (String[]) c);
                if (candidate != MISSING && candidate != null && !(candidate instanceof String s && s.isEmpty())) {
                    v = candidate;
                    break;
                }
            }
            if (v == MISSING || filters.isEmpty()) {
                return v;
            }
            String s = text(v);
            for (String[] f : filters) {
                s = switch (f[0]) {
                    case "lower" -> s.toLowerCase(Locale.ROOT);
                    case "upper" -> s.toUpperCase(Locale.ROOT);
                    default -> truncate(s, Integer.parseInt(f[1]));
                };
            }
            return s;
        }

        private static Object lookup(JsonObject root, String[] path) {
            Object cur = root;
            for (String seg : path) {
                if (cur instanceof JsonObject o) {
                    if (!o.containsKey(seg)) {
                        return MISSING;
                    }
                    cur = o.getValue(seg);
                } else if (cur instanceof JsonArray a && seg.matches("^\\d{1,9}$")) {
                    int i = Integer.parseInt(seg);
                    if (i >= a.size()) {
                        return MISSING;
                    }
                    cur = a.getValue(i);
                } else {
                    return MISSING;
                }
            }
            return cur == null ? MISSING : cur;
        }

        private static String truncate(String s, int codePoints) {
            if (s.codePointCount(0, s.length()) <= codePoints) {
                return s;
            }
            return s.substring(0, s.offsetByCodePoints(0, codePoints));
        }
    }

    private record Literal(String text) {
    }
}
