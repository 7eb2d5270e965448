package io.switchboard.spi.contact;

import java.util.List;
import java.util.Objects;

/**
 * An explainable priority.
 *
 * @param score   0 to 100
 * @param band    the band the score falls in
 * @param reasons what produced the score, never null
 */
public record Priority(int score, PriorityBand band, List<PriorityReason> reasons) {
    /** Canonical constructor; validates the score and copies the reasons. */
    public Priority {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be between 0 and 100, but was " + score);
        }
        Objects.requireNonNull(band, "band");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
