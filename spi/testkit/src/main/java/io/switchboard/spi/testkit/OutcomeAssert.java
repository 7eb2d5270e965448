package io.switchboard.spi.testkit;

import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link PluginOutcome}. Failure messages describe the outcome with ids only, never
 * the contact's content. Obtain with {@link PluginAssertions#assertThat(PluginOutcome)}.
 */
public final class OutcomeAssert extends AbstractAssert<OutcomeAssert, PluginOutcome> {

    OutcomeAssert(PluginOutcome actual) {
        super(actual, OutcomeAssert.class);
    }

    /**
     * Checks that the plugin proceeded, and continues with assertions on the contact it proceeded with.
     *
     * @return assertions on the resulting contact
     */
    public ContactAssert proceeded() {
        isNotNull();
        if (!actual.proceeded()) {
            failWithMessage("expected the plugin to proceed, but it %s", actual.describe());
        }
        return new ContactAssert(actual.contact()).as("contact after the plugin");
    }

    /** @return this, after checking that the plugin proceeded with the contact exactly as given */
    public OutcomeAssert proceededUnchanged() {
        proceeded();
        if (!actual.contact().equals(actual.input())) {
            failWithMessage("expected the plugin to leave the contact unchanged, but it changed it");
        }
        return this;
    }

    /** @return this, after checking that the plugin rejected the contact */
    public OutcomeAssert isRejected() {
        isNotNull();
        if (!actual.rejected()) {
            failWithMessage("expected the plugin to reject the contact, but it %s", actual.describe());
        }
        return this;
    }

    /**
     * @param reason the expected rejection reason
     * @return this
     */
    public OutcomeAssert isRejectedWith(String reason) {
        isRejected();
        if (!reason.equals(actual.reason())) {
            failWithMessage("expected rejection reason <%s>, but was <%s>", reason, actual.reason());
        }
        return this;
    }

    /** @return this, after checking that the call failed or timed out (the step's failure policy would apply) */
    public OutcomeAssert hasFailed() {
        isNotNull();
        if (!actual.failed()) {
            failWithMessage("expected the plugin call to fail, but it %s", actual.describe());
        }
        return this;
    }

    /**
     * @param type the expected exception type (or a supertype)
     * @return this, after checking that the call failed with it
     */
    public OutcomeAssert hasFailedWith(Class<? extends Throwable> type) {
        hasFailed();
        if (actual.error() == null || !type.isInstance(actual.error())) {
            failWithMessage("expected a failure of type %s, but it %s", type.getName(), actual.describe());
        }
        return this;
    }

    /**
     * @param reason the failure reason the gateway would record, e.g. {@code timeout}, {@code null-result},
     *               {@code error:IOException}
     * @return this
     */
    public OutcomeAssert hasFailureReason(String reason) {
        hasFailed();
        if (!reason.equals(actual.failureReason())) {
            failWithMessage("expected failure reason <%s>, but was <%s>", reason, actual.failureReason());
        }
        return this;
    }

    /** @return this, after checking that the call did not finish within the time limit */
    public OutcomeAssert hasTimedOut() {
        isNotNull();
        if (actual.kind() != PluginOutcome.Kind.TIMED_OUT) {
            failWithMessage("expected the plugin call to time out, but it %s", actual.describe());
        }
        return this;
    }

    /** @return this, after checking that the call did not fail or time out */
    public OutcomeAssert hasNotFailed() {
        isNotNull();
        if (actual.failed()) {
            failWithMessage("expected the plugin call to succeed, but it %s", actual.describe());
        }
        return this;
    }
}
