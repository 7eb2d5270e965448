package io.switchboard.spi.service;

import io.vertx.core.Future;

import java.util.List;

/**
 * The customer directory, kept in the gateway's store: seeded by the operator (a file, or the system of
 * record), read by identity matching, and holding every link and suggestion with its evidence.
 */
public interface CustomerDirectory {

    /**
     * Customers having an identifier, in one tenant.
     *
     * @param tenant     the tenant
     * @param identifier the normalised identifier
     * @return the customers (empty, one, or several when the identifier is shared: a conflict)
     */
    Future<List<CustomerRecord>> findByIdentifier(String tenant, Identifier identifier);

    /**
     * @param tenant the tenant
     * @param id     a customer id
     * @return the customer, or null
     */
    Future<CustomerRecord> get(String tenant, String id);

    /**
     * Creates or replaces a customer and its identifiers (seeding).
     *
     * @param customer the customer
     * @return completion
     */
    Future<Void> upsert(CustomerRecord customer);

    /**
     * Records an identity decision about a contact: a link (customer id set) or a suggestion (candidates).
     * A link also adds the contact's identifiers (those that linked it) to the customer, so later contacts
     * with them match at the same level; undoing the link removes exactly those.
     *
     * @param record      the decision (its id and createdAt are assigned by the directory when null)
     * @param identifiers identifiers to attach to the customer with a link; ignored for suggestions
     * @return the recorded decision
     */
    Future<LinkRecord> record(LinkRecord record, List<Identifier> identifiers);

    /**
     * @param tenant    the tenant
     * @param contactId a contact
     * @return the decisions recorded about it, newest first
     */
    Future<List<LinkRecord>> decisionsFor(String tenant, String contactId);
}
