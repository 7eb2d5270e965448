package io.switchboard.gateway.chain;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.Processing;
import io.switchboard.spi.contact.ProcessingStatus;
import io.switchboard.spi.contact.StepNote;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;

/**
 * One chain at run time: its steps in order, and what each step's failure policy does with a contact.
 * Immutable; runs any number of contacts at once.
 */
final class Chain {

    final String name;
    final List<Step> steps;

    Chain(String name, List<Step> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
    }

    /**
     * @param step a step name
     * @return its index, or -1
     */
    int indexOf(String step) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(step)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Runs the chain on a contact from a step.
     *
     * @param contact the contact (a parked one keeps its earlier skipped notes)
     * @param from    the index of the first step to run
     * @return the contact with the steps' results and its new processing state (processed, rejected or parked);
     *         never a failed future
     */
    Future<Contact> run(Contact contact, int from) {
        Run r = new Run(contact);
        return r.loop(from);
    }

    /**
     * @param contact a contact
     * @return the contact as a run of this chain leaves it when the chain has no step: processed
     */
    Contact processedWithoutSteps(Contact contact) {
        return new Run(contact).state(ProcessingStatus.PROCESSED, null, null);
    }

    /** The state of one contact's run; confined to the callbacks of that run, which never overlap. */
    private final class Run {
        Contact contact;
        List<StepNote> skipped;

        Run(Contact contact) {
            this.contact = contact;
            List<StepNote> earlier = contact.processing().skipped();
            this.skipped = earlier.isEmpty() ? null : new ArrayList<>(earlier);
        }

        Future<Contact> loop(int i) {
            while (i < steps.size()) {
                Step step = steps.get(i);
                Future<StepOutcome> f = step.call(contact);
                if (!f.isComplete()) {
                    int at = i;
                    Promise<Contact> p = Promise.promise();
                    f.onComplete(ar -> {
                        Contact end = apply(step, ar.result());
                        (end != null ? Future.succeededFuture(end) : loop(at + 1)).onComplete(p);
                    });
                    return p.future();
                }
                Contact end = apply(step, f.result());
                if (end != null) {
                    return Future.succeededFuture(end);
                }
                i++;
            }
            return Future.succeededFuture(state(ProcessingStatus.PROCESSED, null, null));
        }

        /** @return the contact in its final state when the chain stops here, or null to continue */
        private Contact apply(Step step, StepOutcome o) {
            switch (o.kind()) {
                case PROCEEDED:
                    contact = o.contact();
                    return null;
                case REJECTED:
                    return state(ProcessingStatus.REJECTED, null, new StepNote(step.name(), o.reason()));
                default:
                    break;
            }
            switch (step.config.onFailure()) {
                case SKIP:
                    step.meters.skipped();
                    if (skipped == null) {
                        skipped = new ArrayList<>(2);
                    }
                    skipped.add(new StepNote(step.name(), o.reason()));
                    return null;
                case RETRY_LATER:
                    step.meters.parked();
                    return state(ProcessingStatus.PARKED, step.name(), null);
                default:
                    step.meters.rejectedByPolicy();
                    return state(ProcessingStatus.REJECTED, null, new StepNote(step.name(), o.reason()));
            }
        }

        private Contact state(ProcessingStatus status, String nextStep, StepNote rejection) {
            return contact.toBuilder().processing(new Processing(status, name, nextStep, rejection,
                    skipped == null ? List.of() : skipped)).build();
        }
    }
}
