package io.switchboard.plugin.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs detectors over a text, merges overlapping findings (into one spanning both, recorded with the kind of the
 * one that starts first, the longer of two starting together: a value that might be either is redacted whole) and
 * replaces what was found. Thread-safe.
 */
public final class Redactor {

    private final List<Detector> detectors;
    private final String replacement;

    /**
     * @param detectors   the detectors, in order
     * @param replacement the replacement template; {@code {kind}} is replaced with the finding's kind
     */
    public Redactor(List<Detector> detectors, String replacement) {
        this.detectors = List.copyOf(detectors);
        this.replacement = replacement;
    }

    /**
     * @param text a text, or null
     * @return the non-overlapping (merged) findings in order of their start offsets; empty for null
     */
    public List<Finding> find(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Finding> all = new ArrayList<>();
        for (Detector d : detectors) {
            all.addAll(d.find(text));
        }
        all.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::length).reversed()));
        List<Finding> out = new ArrayList<>(all.size());
        for (Finding f : all) {
            Finding last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && f.start() < last.end()) {
                if (f.end() > last.end()) {
                    out.set(out.size() - 1, new Finding(last.kind(), last.start(), f.end()));
                }
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * @param text     the text the findings were made in
     * @param findings non-overlapping findings in order, from {@link #find(String)}
     * @return the text with every finding replaced
     */
    public String redact(String text, List<Finding> findings) {
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings) {
            sb.append(text, at, f.start()).append(replacement.replace("{kind}", f.kind()));
            at = f.end();
        }
        return sb.append(text, at, text.length()).toString();
    }
}
