package io.switchboard.spi.testkit;

import io.switchboard.spi.contact.Contact;

/**
 * Entry point of the test kit's AssertJ assertions. Import statically next to AssertJ's own:
 *
 * <pre>{@code
 * import static io.switchboard.spi.testkit.PluginAssertions.assertThat;
 *
 * assertThat(tester.run(contact)).proceeded().hasTag("after-hours").hasAttribute("hours", "open", false);
 * assertThat(tester.run(spam)).isRejectedWith("spam-score-above-threshold");
 * assertThat(tester.run(contact)).hasTimedOut();
 * }</pre>
 */
public final class PluginAssertions {

    private PluginAssertions() {
    }

    /**
     * @param outcome a plugin outcome
     * @return assertions on it
     */
    public static OutcomeAssert assertThat(PluginOutcome outcome) {
        return new OutcomeAssert(outcome);
    }

    /**
     * @param contact a contact
     * @return assertions on it
     */
    public static ContactAssert assertThat(Contact contact) {
        return new ContactAssert(contact);
    }
}
