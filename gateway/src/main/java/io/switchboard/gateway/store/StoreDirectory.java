package io.switchboard.gateway.store;

import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Future;

import java.time.Instant;

/**
 * The customer directory as the gateway's store keeps it: what plugins see ({@link CustomerDirectory}) plus what
 * only operators may do through the admin API.
 */
public interface StoreDirectory extends CustomerDirectory {

    /**
     * @param linkId a decision id
     * @return the decision, or null when unknown
     */
    Future<LinkRecord> decision(String linkId);

    /**
     * Undoes a link: marks it undone, removes from the customer exactly the identifiers the link attached, and
     * turns the contact's customer match back into a suggestion naming the customer. Both sides keep their
     * contacts. Undoing a suggestion, or a link already undone, changes nothing.
     *
     * @param linkId the link id
     * @param now    when
     * @return the decision after the undo, or null when unknown
     */
    Future<LinkRecord> undo(String linkId, Instant now);
}
