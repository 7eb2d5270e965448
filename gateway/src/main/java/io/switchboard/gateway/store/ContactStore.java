package io.switchboard.gateway.store;

import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.contact.Contact;
import io.vertx.core.Future;

import java.util.List;

/**
 * The gateway's own store: durable intake with de-duplication, and reads. Implementations: the embedded
 * SQLite store (the default). Every method is non-blocking; futures complete on the caller's context.
 * Failures are {@link StoreException}s.
 */
public interface ContactStore {

    /**
     * Durably stores the contacts of one request, atomically with its raw payload. A contact whose
     * (channel, provider event id) is already stored is not stored again: it comes back as a duplicate
     * with the stored id. The raw payload is stored when at least one contact is new. The future completes
     * only after the data is on disk.
     *
     * @param raw      the raw request
     * @param contacts the contacts, possibly empty
     * @return how each contact was stored, in order
     */
    Future<List<Accepted>> accept(RawPayload raw, List<Contact> contacts);

    /**
     * Replaces a stored contact's mutable state (plugin results, processing status).
     *
     * @param contact the contact, by id
     * @return completion once durable
     */
    Future<Void> update(Contact contact);

    /**
     * @param id a contact id
     * @return the contact, or null when unknown
     */
    Future<Contact> get(String id);

    /**
     * @param query the filters
     * @return matching contacts, newest first
     */
    Future<List<Contact>> list(ContactQuery query);

    /**
     * @param id a raw payload id
     * @return the raw payload, or null when unknown
     */
    Future<RawPayload> raw(String id);

    /**
     * Contacts whose chain has not finished (status {@code accepted}), oldest first: after a restart they
     * are run again.
     *
     * @param afterId only contacts with a greater id; null to start at the beginning
     * @param limit   at most this many
     * @return the contacts
     */
    Future<List<Contact>> unfinished(String afterId, int limit);

    /** @return success when the store can read and write */
    Future<Void> ping();

    /** @return writes waiting to be committed */
    int pendingWrites();

    /**
     * Stops accepting work, finishes queued writes and releases resources.
     *
     * @return completion
     */
    Future<Void> close();
}
