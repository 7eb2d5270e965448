package io.switchboard.gateway.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Building blocks for adapters' property tests: arbitrary JSON made of a provider's own field names and
 * tricky values, and in-place mutation of a fixture at an arbitrary position.
 */
public final class JsonMutations {

    /** Values that break careless parsers: blanks, NUL, huge and negative numbers, surrogate pairs, … */
    public static final List<String> TRICKY = List.of("", " ", "\u0000", "1e400", "-1", "0", "NaN", "\ud83d\ude15",
            "true", "null", "9223372036854775808", "2020-01-01T00:00:00Z", "+44 7700 900123", "447700900123");

    private final List<String> keys;
    private final List<String> words;

    /**
     * @param keys  the provider's field names
     * @param words the provider's typical values
     */
    public JsonMutations(List<String> keys, List<String> words) {
        this.keys = keys;
        List<String> w = new ArrayList<>(words);
        w.addAll(TRICKY);
        this.words = List.copyOf(w);
    }

    /** @return an arbitrary scalar: a known word, a random string, a number, a boolean or null */
    public Arbitrary<Object> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(words).map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.longs().map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.doubles().map(d -> (Object) d)),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
                Tuple.of(1, Arbitraries.just(null)));
    }

    /**
     * @param depth how deep objects may nest
     * @return an arbitrary object keyed by the provider's field names
     */
    public Arbitrary<JsonObject> object(int depth) {
        return Arbitraries.maps(Arbitraries.of(keys), Arbitraries.lazy(() -> value(depth - 1))).ofMaxSize(8)
                .map(m -> new JsonObject(new LinkedHashMap<>(m)));
    }

    /**
     * @param depth how deep values may nest
     * @return an arbitrary value: scalar, object or array
     */
    public Arbitrary<Object> value(int depth) {
        if (depth <= 0) {
            return scalar();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalar()),
                Tuple.of(3, object(depth).map(o -> (Object) o)),
                Tuple.of(2, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                        .map(l -> (Object) new JsonArray(new ArrayList<>(l)))));
    }

    /**
     * Replaces the value at the index-th position of a depth-first walk with a copy of the replacement.
     *
     * @param root        the document, changed in place
     * @param index       any integer (taken modulo the number of positions)
     * @param replacement the new value
     */
    public static void mutate(JsonObject root, int index, Object replacement) {
        List<Object[]> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Object[] slot = slots.get(Math.floorMod(index, slots.size()));
        Object value = replacement instanceof JsonObject o ? o.copy()
                : replacement instanceof JsonArray a ? a.copy() : replacement;
        if (slot[0] instanceof JsonObject o) {
            o.put((String) slot[1], value);
        } else {
            ((JsonArray) slot[0]).set((Integer) slot[1], value);
        }
    }

    private static void collect(Object node, List<Object[]> slots) {
        if (node instanceof JsonObject o) {
            for (String k : o.fieldNames()) {
                slots.add(new Object[] {o, k});
                collect(o.getValue(k), slots);
            }
        } else if (node instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Object[] {a, i});
                collect(a.getValue(i), slots);
            }
        }
    }
}
