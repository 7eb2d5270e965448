package io.switchboard.spi.testkit;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.PriorityBand;
import io.switchboard.spi.contact.PriorityReason;
import io.switchboard.spi.contact.Redaction;
import org.assertj.core.api.AbstractAssert;

import java.util.Objects;

/**
 * AssertJ assertions on a {@link Contact}: what plugins change (tags, attributes, priority, customer match,
 * conversation, redactions, text). Messages name fields and expected values, never the contact's text.
 * Obtain with {@link PluginAssertions#assertThat(Contact)} or {@link OutcomeAssert#proceeded()}; use
 * {@link #contact()} for anything else.
 */
public final class ContactAssert extends AbstractAssert<ContactAssert, Contact> {

    ContactAssert(Contact actual) {
        super(actual, ContactAssert.class);
    }

    /** @return the contact under assertion, for custom checks */
    public Contact contact() {
        return actual;
    }

    /** @param tags tags the contact must carry @return this */
    public ContactAssert hasTag(String... tags) {
        isNotNull();
        for (String t : tags) {
            if (!actual.tags().contains(t)) {
                failWithMessage("expected tag <%s>, but the tags were %s", t, actual.tags());
            }
        }
        return this;
    }

    /** @param tags tags the contact must not carry @return this */
    public ContactAssert doesNotHaveTag(String... tags) {
        isNotNull();
        for (String t : tags) {
            if (actual.tags().contains(t)) {
                failWithMessage("expected no tag <%s>, but the tags were %s", t, actual.tags());
            }
        }
        return this;
    }

    /** @param tags exactly these tags, in insertion order @return this */
    public ContactAssert hasExactlyTags(String... tags) {
        isNotNull();
        if (!java.util.List.copyOf(actual.tags()).equals(java.util.List.of(tags))) {
            failWithMessage("expected exactly tags %s, but were %s", java.util.List.of(tags), actual.tags());
        }
        return this;
    }

    /**
     * @param namespace the attribute namespace
     * @param key       the key
     * @return this, after checking that the attribute is set
     */
    public ContactAssert hasAttribute(String namespace, String key) {
        isNotNull();
        if (!actual.attributes().namespace(namespace).containsKey(key)) {
            failWithMessage("expected attribute %s.%s, but namespace %s has keys %s", namespace, key, namespace,
                    actual.attributes().namespace(namespace).fieldNames());
        }
        return this;
    }

    /**
     * @param namespace the attribute namespace
     * @param key       the key
     * @param value     the expected value (compared as JSON values: numbers by value)
     * @return this
     */
    public ContactAssert hasAttribute(String namespace, String key, Object value) {
        hasAttribute(namespace, key);
        Object v = actual.attributes().namespace(namespace).getValue(key);
        boolean same = v instanceof Number a && value instanceof Number b
                ? Double.compare(a.doubleValue(), b.doubleValue()) == 0
                : Objects.equals(v, value);
        if (!same) {
            failWithMessage("expected attribute %s.%s to be <%s>, but was <%s>", namespace, key, value, v);
        }
        return this;
    }

    /**
     * @param namespace the attribute namespace
     * @param key       the key
     * @return this, after checking the attribute is not set
     */
    public ContactAssert doesNotHaveAttribute(String namespace, String key) {
        isNotNull();
        if (actual.attributes().namespace(namespace).containsKey(key)) {
            failWithMessage("expected no attribute %s.%s", namespace, key);
        }
        return this;
    }

    /** @param band the expected priority band @return this */
    public ContactAssert hasPriorityBand(PriorityBand band) {
        isNotNull();
        if (actual.priority() == null || actual.priority().band() != band) {
            failWithMessage("expected priority band %s, but the priority was %s", band, actual.priority());
        }
        return this;
    }

    /** @param score the expected priority score @return this */
    public ContactAssert hasPriorityScore(int score) {
        isNotNull();
        if (actual.priority() == null || actual.priority().score() != score) {
            failWithMessage("expected priority score %s, but the priority was %s", score, actual.priority());
        }
        return this;
    }

    /** @param code a reason code the priority must list, e.g. {@code intent.outage} @return this */
    public ContactAssert hasPriorityReason(String code) {
        isNotNull();
        if (actual.priority() == null || actual.priority().reasons().stream().map(PriorityReason::code)
                .noneMatch(code::equals)) {
            failWithMessage("expected priority reason <%s>, but the priority was %s", code, actual.priority());
        }
        return this;
    }

    /** @return this, after checking no priority was set */
    public ContactAssert hasNoPriority() {
        isNotNull();
        if (actual.priority() != null) {
            failWithMessage("expected no priority, but was %s", actual.priority());
        }
        return this;
    }

    /** @param customerId the customer the contact must be linked to @return this */
    public ContactAssert isLinkedTo(String customerId) {
        isNotNull();
        if (actual.customer() == null || !actual.customer().linked()
                || !customerId.equals(actual.customer().customerId())) {
            failWithMessage("expected a link to customer <%s>, but the match was %s", customerId, actual.customer());
        }
        return this;
    }

    /** @return this, after checking the contact is not linked to any customer */
    public ContactAssert isNotLinked() {
        isNotNull();
        if (actual.customer() != null && actual.customer().linked()) {
            failWithMessage("expected no link, but was linked to <%s>", actual.customer().customerId());
        }
        return this;
    }

    /** @param level the expected match level @return this */
    public ContactAssert hasMatchLevel(MatchLevel level) {
        isNotNull();
        if (actual.customer() == null || actual.customer().level() != level) {
            failWithMessage("expected match level %s, but the match was %s", level, actual.customer());
        }
        return this;
    }

    /** @param candidates the candidate customer ids of a suggestion, in any order @return this */
    public ContactAssert hasCandidates(String... candidates) {
        isNotNull();
        if (actual.customer() == null || !new java.util.HashSet<>(actual.customer().candidates())
                .equals(java.util.Set.of(candidates))) {
            failWithMessage("expected candidates %s, but the match was %s", java.util.List.of(candidates),
                    actual.customer());
        }
        return this;
    }

    /** @param key the expected conversation key @return this */
    public ContactAssert hasConversationKey(String key) {
        isNotNull();
        if (!Objects.equals(actual.conversationKey(), key)) {
            failWithMessage("expected conversation key <%s>, but was <%s>", key, actual.conversationKey());
        }
        return this;
    }

    /** @return this, after checking that a conversation key is set */
    public ContactAssert hasAConversationKey() {
        isNotNull();
        if (actual.conversationKey() == null) {
            failWithMessage("expected a conversation key, but there was none");
        }
        return this;
    }

    /** @param kind a redaction kind that must have been recorded, e.g. {@code payment-card} @return this */
    public ContactAssert hasRedaction(String kind) {
        isNotNull();
        if (actual.redactions().stream().map(Redaction::kind).noneMatch(kind::equals)) {
            failWithMessage("expected a redaction of kind <%s>, but the redactions were %s", kind,
                    actual.redactions().stream().map(Redaction::kind).toList());
        }
        return this;
    }

    /** @return this, after checking nothing was redacted or detected */
    public ContactAssert hasNoRedactions() {
        isNotNull();
        if (!actual.redactions().isEmpty()) {
            failWithMessage("expected no redactions, but found %s",
                    actual.redactions().stream().map(Redaction::kind).toList());
        }
        return this;
    }

    /**
     * @param fragment text the contact's text must not contain (e.g. a card number after redaction); the
     *                 message does not repeat it
     * @return this
     */
    public ContactAssert textDoesNotContain(String fragment) {
        isNotNull();
        String text = actual.content().text();
        if (text != null && text.contains(fragment)) {
            failWithMessage("expected the text not to contain the given fragment, but it does");
        }
        return this;
    }

    /** @param text the exact expected text @return this */
    public ContactAssert hasText(String text) {
        isNotNull();
        if (!Objects.equals(actual.content().text(), text)) {
            failWithMessage("expected the text to equal the given one, but it differs");
        }
        return this;
    }
}
