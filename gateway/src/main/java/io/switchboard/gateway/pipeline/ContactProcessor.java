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
}
