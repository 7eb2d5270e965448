package io.switchboard.plugin.redaction;

import java.util.List;

/** Finds one kind of sensitive value in a text. Implementations are stateless and thread-safe. */
public interface Detector {

    /**
     * @param text the text; never null
     * @return the findings, in order of their start offsets, non-overlapping
     */
    List<Finding> find(String text);
}
