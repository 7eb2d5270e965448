package io.switchboard.gateway.store;

import io.switchboard.spi.contact.Contact;

import java.time.Instant;

/**
 * A claimed delivery, ready to hand to its sink.
 *
 * @param id             the delivery id
 * @param sink           the sink name
 * @param contact        the contact to deliver
 * @param attempts       attempts made so far (0 before the first)
 * @param createdAt      when the delivery was created
 * @param cycleStartedAt when the current retry cycle started (creation, or the last replay): max age counts from it
 */
public record OutboxEntry(String id, String sink, Contact contact, int attempts, Instant createdAt,
                          Instant cycleStartedAt) {
}
