package io.switchboard.spi.plugin;

import io.switchboard.spi.contact.Contact;

import java.util.Objects;

/**
 * What a plugin decided about a contact: continue with a (possibly enriched) contact, or reject it.
 * A rejected contact is still stored, marked rejected with the reason; it is not forwarded.
 */
public sealed interface PluginResult permits PluginResult.Proceed, PluginResult.Reject {

    /**
     * Continue the chain with this contact.
     *
     * @param contact the contact, enriched or unchanged; must keep the id of the contact given
     * @return the result
     */
    static PluginResult proceed(Contact contact) {
        return new Proceed(contact);
    }

    /**
     * Reject the contact.
     *
     * @param reason a short reason for operators, e.g. {@code spam-score-above-threshold}; never
     *               personal data
     * @return the result
     */
    static PluginResult reject(String reason) {
        return new Reject(reason);
    }

    /**
     * Continue with a contact.
     *
     * @param contact the contact
     */
    record Proceed(Contact contact) implements PluginResult {
        /** Canonical constructor; the contact is required. */
        public Proceed {
            Objects.requireNonNull(contact, "contact");
        }
    }

    /**
     * Reject with a reason.
     *
     * @param reason the reason
     */
    record Reject(String reason) implements PluginResult {
        /** Canonical constructor; the reason is required and non-blank. */
        public Reject {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }
    }
}
