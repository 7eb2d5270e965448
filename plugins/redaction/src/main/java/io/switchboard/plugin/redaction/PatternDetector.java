package io.switchboard.plugin.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configured pattern, e.g. an account-number format. The whole match is the finding, or only the named group
 * {@code value} when the pattern has one (so context such as {@code account no.} can be required without being
 * redacted). Empty matches are ignored.
 */
public final class PatternDetector implements Detector {

    private final String kind;
    private final Pattern pattern;
    private final boolean hasValueGroup;

    /**
     * @param kind    the kind to record, e.g. {@code account-number}
     * @param pattern the pattern
     */
    public PatternDetector(String kind, Pattern pattern) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.hasValueGroup = pattern.pattern().contains("(?<value>");
    }

    /** @return the kind this detector records */
    public String kind() {
        return kind;
    }

    @Override
    public List<Finding> find(String text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int lastEnd = -1;
        while (m.find()) {
            int s = hasValueGroup ? m.start("value") : m.start();
            int e = hasValueGroup ? m.end("value") : m.end();
            if (s >= 0 && e > s && s >= lastEnd) {
                out.add(new Finding(kind, s, e));
                lastEnd = e;
            }
        }
        return out;
    }
}
