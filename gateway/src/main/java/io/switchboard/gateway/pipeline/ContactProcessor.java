package io.switchboard.gateway.pipeline;

import io.switchboard.spi.contact.Contact;
import io.vertx.core.Future;

/**
 * What happens to a contact after it is durably accepted: its plugin chain. The result is stored.
 */
@FunctionalInterface
public interface ContactProcessor {

    /**
     * @param contact an accepted contact
     * @return the contact with the chain's results and its new processing state
     */
    Future<Contact> process(Contact contact);

    /**
     * The processed state of a new contact whose processing has no step to run (its channel's chain is empty),
     * computed at once so that the contact can be stored processed when it is accepted.
     *
     * @param contact a new contact, not yet stored
     * @return the contact in its processed state, or null when it has steps to run (then it goes through
     *         {@link #process} after it is accepted)
     */
    default Contact processedAtOnce(Contact contact) {
        return null;
    }
}
