package io.switchboard.spi.contact;

import java.util.List;
import java.util.Objects;

/**
 * The pipeline state of a contact.
 *
 * @param status    where the contact is
 * @param chain     the chain that ran (or runs) on it; nullable
 * @param nextStep  for {@link ProcessingStatus#PARKED}: the step to resume from; nullable
 * @param rejection for {@link ProcessingStatus#REJECTED}: the rejecting step and its reason; nullable
 * @param skipped   steps that were skipped, with why; never null
 */
public record Processing(ProcessingStatus status, String chain, String nextStep, StepNote rejection,
                         List<StepNote> skipped) {

    /** The state of a freshly accepted contact. */
    public static final Processing ACCEPTED = new Processing(ProcessingStatus.ACCEPTED, null, null, null, List.of());

    /** Canonical constructor; copies the skipped list. */
    public Processing {
        Objects.requireNonNull(status, "status");
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }
}
