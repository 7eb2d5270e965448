package io.switchboard.plugin.identity;

import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.Identifier;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What identity matching decided about one contact.
 *
 * @param kind       link, suggestion, or nothing matched
 * @param customerId the linked customer; null unless a link
 * @param level      the match level
 * @param method     the identifier type that decided ({@code provider-user}, {@code phone}, {@code email}, …)
 * @param confidence 0.0 to 1.0
 * @param candidates the candidate customers, sorted; for a link, just the customer
 * @param rule       the rule that decided, e.g. {@code single-strong-match}, {@code conflicting-identifiers}
 * @param evidence   for an auditor: identifier types, sources, assurance, levels and match counts; never values
 * @param attach     the contact's link-level identifiers a link adds to the customer
 */
record Decision(Kind kind, String customerId, MatchLevel level, String method, double confidence,
                List<String> candidates, String rule, JsonObject evidence, List<Identifier> attach) {

    /** The kinds of decision. */
    enum Kind {
        /** Linked automatically to one customer. */
        LINK,
        /** Not linked: candidates recorded for a person to confirm. */
        SUGGESTION,
        /** Nothing matched; nothing is recorded. */
        NONE
    }

    Decision {
        candidates = List.copyOf(candidates);
        attach = List.copyOf(attach);
    }

    /** @return the match the contact carries */
    CustomerMatch toMatch() {
        return new CustomerMatch(customerId, method, level, confidence, kind == Kind.LINK, candidates);
    }
}
