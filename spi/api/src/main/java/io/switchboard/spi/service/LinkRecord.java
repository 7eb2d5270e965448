package io.switchboard.spi.service;

import io.switchboard.spi.contact.MatchLevel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A recorded identity decision about one contact: a link to a customer, or a suggestion with candidates.
 *
 * @param id         the link id
 * @param tenant     the tenant
 * @param contactId  the contact
 * @param customerId the linked customer; null for a suggestion
 * @param candidates the candidate customers of a suggestion; empty for a link
 * @param level      the match level
 * @param method     the identifier type that matched (or the rule that decided)
 * @param evidence   why, for an auditor: the identifier types and their assurance, never the values
 * @param createdAt  when it was recorded
 * @param undoneAt   when it was undone through the admin API; null while in force
 */
public record LinkRecord(String id, String tenant, String contactId, String customerId, List<String> candidates,
                         MatchLevel level, String method, String evidence, Instant createdAt, Instant undoneAt) {
    /** Canonical constructor; copies the candidates. */
    public LinkRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(level, "level");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** @return whether this is a link (as opposed to a suggestion) */
    public boolean isLink() {
        return customerId != null;
    }
}
