package io.switchboard.gateway.testing;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a contact with a golden JSON file under {@code src/test/resources}, field by field, reporting
 * every difference with its JSON path. Fields that differ on every run (id, receivedAt, traceId, raw.id)
 * are ignored. Run with {@code -Dgolden.update=true} to (re)write the golden files from the actual
 * contacts; review the diff before committing.
 */
public final class Golden {

    private static final Set<String> VOLATILE = Set.of("/id", "/receivedAt", "/traceId", "/raw/id");

    private Golden() {
    }

    /**
     * @param actual   the contact
     * @param resource the golden file, relative to {@code src/test/resources}, e.g. {@code twilio/sms.golden.json}
     */
    public static void assertMatches(Contact actual, String resource) {
        JsonObject act = ContactJson.toJson(actual);
        if (Boolean.getBoolean("golden.update")) {
            write(resource, strip(act));
            return;
        }
        JsonObject exp = read(resource);
        List<String> diffs = new ArrayList<>();
        compare("", exp, act, diffs);
        if (!diffs.isEmpty()) {
            throw new AssertionError("contact differs from golden " + resource + ":\n  " + String.join("\n  ", diffs)
                    + "\nactual: " + strip(act).encodePrettily());
        }
    }

    /**
     * @param resource a classpath resource
     * @return its text (UTF-8)
     */
    public static String text(String resource) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @param resource a classpath resource
     * @return its bytes
     */
    public static byte[] bytes(String resource) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject read(String resource) {
        return new JsonObject(text(resource));
    }

    private static JsonObject strip(JsonObject o) {
        JsonObject c = o.copy();
        c.remove("id");
        c.remove("receivedAt");
        c.remove("traceId");
        if (c.getJsonObject("raw") != null) {
            c.getJsonObject("raw").remove("id");
        }
        return c;
    }

    private static void write(String resource, JsonObject value) {
        Path p = Path.of("src/test/resources").resolve(resource);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, value.encodePrettily() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void compare(String path, Object exp, Object act, List<String> diffs) {
        if (VOLATILE.contains(path)) {
            return;
        }
        if (exp instanceof JsonObject eo && act instanceof JsonObject ao) {
            Set<String> keys = new TreeSet<>(eo.fieldNames());
            keys.addAll(ao.fieldNames());
            for (String k : keys) {
                String p = path + "/" + k;
                if (VOLATILE.contains(p)) {
                    continue;
                }
                if (!eo.containsKey(k)) {
                    diffs.add(p + ": unexpected, actual " + ao.getValue(k));
                } else if (!ao.containsKey(k)) {
                    diffs.add(p + ": missing, expected " + eo.getValue(k));
                } else {
                    compare(p, eo.getValue(k), ao.getValue(k), diffs);
                }
            }
            return;
        }
        if (exp instanceof JsonArray ea && act instanceof JsonArray aa) {
            if (ea.size() != aa.size()) {
                diffs.add(path + ": expected " + ea.size() + " items, actual " + aa.size());
            }
            for (int i = 0; i < Math.min(ea.size(), aa.size()); i++) {
                compare(path + "/" + i, ea.getValue(i), aa.getValue(i), diffs);
            }
            return;
        }
        if (exp instanceof Number en && act instanceof Number an) {
            if (Double.compare(en.doubleValue(), an.doubleValue()) != 0) {
                diffs.add(path + ": expected " + exp + ", actual " + act);
            }
            return;
        }
        if (exp == null ? act != null : !exp.equals(act)) {
            diffs.add(path + ": expected " + exp + ", actual " + act);
        }
    }
}
