package io.switchboard.spi.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decoded form or query fields: an ordered, immutable list of name/value pairs. Names are
 * case-sensitive ({@code CallSid} and {@code callSid} are different fields, as in Twilio's signature
 * scheme) and may repeat.
 */
public final class FormFields {

    /** No fields. */
    public static final FormFields EMPTY = new FormFields(List.of());

    private final List<Map.Entry<String, String>> entries;

    private FormFields(List<Map.Entry<String, String>> entries) {
        this.entries = entries;
    }

    /**
     * @param entries name/value pairs in order; values may be empty but not null
     * @return the fields
     */
    public static FormFields of(List<Map.Entry<String, String>> entries) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(entries.size());
        for (Map.Entry<String, String> e : entries) {
            copy.add(Map.entry(Objects.requireNonNull(e.getKey()), Objects.requireNonNull(e.getValue())));
        }
        return new FormFields(Collections.unmodifiableList(copy));
    }

    /**
     * Convenience for tests: {@code of("From", "+1415…", "Body", "hi")}.
     *
     * @param namesAndValues alternating names and values
     * @return the fields
     */
    public static FormFields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        List<Map.Entry<String, String>> l = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            l.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return of(l);
    }

    /**
     * @param name a field name (case-sensitive)
     * @return its first value, or null
     */
    public String get(String name) {
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * @param name a field name (case-sensitive)
     * @return its first value when present and not blank, or null
     */
    public String nonBlank(String name) {
        String v = get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /**
     * @param name a field name
     * @return every value, in order
     */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(1);
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(name)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** @return the distinct names, in first-seen order */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        entries.forEach(e -> out.add(e.getKey()));
        return out;
    }

    /** @return every pair, in order */
    public List<Map.Entry<String, String>> entries() {
        return entries;
    }

    /** @return the number of pairs */
    public int size() {
        return entries.size();
    }

    /** @return whether there are no pairs */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** {@return the names only: values may carry personal data} */
    @Override
    public String toString() {
        return "FormFields" + names();
    }
}
