package io.switchboard.gateway.store;

import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.contact.Contact;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
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
     * Stores a contact's chain result and, in the same transaction, one pending delivery per sink (none for a
     * rejected or parked contact: pass an empty list). A delivery that already exists for (contact, sink) is
     * kept as it is, so running a contact's chain twice never delivers it twice.
     *
     * @param contact the processed contact
     * @param sinks   the sinks to deliver it to
     * @return completion once durable
     */
    Future<Void> complete(Contact contact, List<String> sinks);

    /**
     * Durably accepts contacts that need no processing step (their channel's chain is empty) directly in their
     * processed state, with their deliveries: what {@link #accept} followed by {@link #complete} for each new
     * contact stores, without the contact ever being seen unprocessed. Duplicates are reported as by
     * {@link #accept} and get no delivery.
     *
     * <p>This default takes the two steps: it accepts the contacts as given in {@code accepted}, then completes
     * the new ones. When a completion fails the contact stays durably accepted, is returned in its accepted
     * state, and the pipeline's sweep processes it later. A store that can do both in one transaction should.
     *
     * @param raw       the raw request
     * @param accepted  the contacts in their accepted state
     * @param processed the same contacts, in the same order, processed
     * @param sinks     per contact, in the same order, the sinks to deliver it to
     * @return how each contact was stored, in order: a new one in its processed state (or, see above, its
     *         accepted one), a duplicate with the stored id
     */
    default Future<List<Accepted>> acceptProcessed(RawPayload raw, List<Contact> accepted, List<Contact> processed,
                                                   List<List<String>> sinks) {
        return accept(raw, accepted).compose(acc -> {
            List<Future<Accepted>> out = new java.util.ArrayList<>(acc.size());
            for (int i = 0; i < acc.size(); i++) {
                Accepted a = acc.get(i);
                if (a.duplicate()) {
                    out.add(Future.succeededFuture(a));
                    continue;
                }
                Contact done = processed.get(i);
                out.add(complete(done, sinks.get(i)).map(v -> new Accepted(done, a.storedId(), false))
                        .otherwise(a));
            }
            return Future.all(out).map(v -> {
                List<Accepted> result = new java.util.ArrayList<>(out.size());
                out.forEach(f -> result.add(f.result()));
                return result;
            });
        });
    }

    /**
     * Claims due deliveries of one sink: pending, due, and not claimed by another worker. Claimed deliveries
     * are leased until {@code now + lease}; an unfinished lease expires and the delivery is claimed again.
     *
     * @param sink    the sink name
     * @param limit   at most this many
     * @param ordered when true, only the oldest pending delivery of each ordering key is eligible, so one
     *                conversation never has two deliveries in flight
     * @param now     the current time
     * @param lease   how long the claim holds
     * @return the claimed deliveries, oldest first
     */
    Future<List<OutboxEntry>> claim(String sink, int limit, boolean ordered, Instant now, Duration lease);

    /**
     * Records the outcomes of delivery attempts and releases their claims.
     *
     * @param outcomes the outcomes
     * @param now      the current time
     * @return completion once durable
     */
    Future<Void> recordOutcomes(List<DeliveryOutcome> outcomes, Instant now);

    /**
     * @param contactId a contact id
     * @return its deliveries, one per sink
     */
    Future<List<DeliveryState>> deliveries(String contactId);

    /**
     * Dead letters, newest first.
     *
     * @param sink   only this sink, or null
     * @param from   only those that died at or after, or null
     * @param to     only those that died before, or null
     * @param before only deliveries with a smaller id (paging), or null
     * @param limit  at most this many
     * @return the dead letters
     */
    Future<List<DeliveryState>> deadLetters(String sink, Instant from, Instant to, String before, int limit);

    /**
     * Makes dead letters pending again, with a fresh attempt count and age.
     *
     * @param deliveryId one dead letter's id, or null for all matching the filters
     * @param sink       only this sink, or null
     * @param from       only those that died at or after, or null
     * @param to         only those that died before, or null
     * @param now        the current time
     * @return how many were replayed
     */
    Future<Integer> replay(String deliveryId, String sink, Instant from, Instant to, Instant now);

    /** @return the number of pending deliveries (all sinks) */
    Future<Long> pendingDeliveries();

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
     * @param afterId        only contacts with a greater id; null to start at the beginning
     * @param receivedBefore only contacts received before this instant (so a sweep leaves alone contacts that
     *                       a live gateway instance is processing right now); null for no limit
     * @param limit          at most this many
     * @return the contacts
     */
    Future<List<Contact>> unfinished(String afterId, Instant receivedBefore, int limit);

    /** @return the customer directory kept in this store (offered to plugins as a service) */
    StoreDirectory directory();

    /** @return the cross-channel conversations kept in this store (offered to plugins as a service) */
    io.switchboard.spi.service.Conversations conversations();

    /**
     * Contacts parked by a {@code retry-later} chain step (status {@code parked}), oldest first, so the chain can
     * resume them from that step once it recovers.
     *
     * @param chain   only contacts parked in this chain ({@code processing.chain}); null for any
     * @param step    only contacts parked at this step ({@code processing.nextStep}); null for any
     * @param afterId only contacts with a greater id; null to start at the beginning
     * @param limit   at most this many
     * @return the contacts
     */
    Future<List<Contact>> parked(String chain, String step, String afterId, int limit);

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
