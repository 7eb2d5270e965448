package io.switchboard.spi.channel;

import io.switchboard.spi.contact.Contact;

import java.util.Objects;

/**
 * A contact as the gateway stored it.
 *
 * @param contact   the contact the adapter built
 * @param storedId  the id it is stored under: the contact's own id, or for a duplicate the id of the
 *                  contact first stored with the same provider event id
 * @param duplicate whether this was a provider retry of an event already stored
 */
public record Accepted(Contact contact, String storedId, boolean duplicate) {
    /** Canonical constructor; contact and stored id are required. */
    public Accepted {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(storedId, "storedId");
    }
}
