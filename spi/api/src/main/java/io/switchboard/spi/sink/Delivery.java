package io.switchboard.spi.sink;

import io.switchboard.spi.contact.Contact;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver one contact to one sink.
 *
 * @param id          the delivery id (stable across attempts)
 * @param contact     the processed contact
 * @param attempt     1 for the first attempt
 * @param firstTried  when the delivery was created
 */
public record Delivery(String id, Contact contact, int attempt, Instant firstTried) {

    /** Canonical constructor; all components are required. */
    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(firstTried, "firstTried");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
        }
    }

    /**
     * The key a sink de-duplicates on: the contact id, identical across attempts, replays and gateway
     * instances. Use it as the {@code Idempotency-Key} header, the external id of an upsert, the primary key of
     * an insert, or the record key's id.
     *
     * @return the idempotency key
     */
    public String idempotencyKey() {
        return contact.id();
    }
}
