package io.switchboard.plugin.identity;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.Identifier;

import java.util.Objects;

/**
 * An identifier found on a contact, normalised, with the match level it can support.
 *
 * @param identifier the normalised identifier
 * @param level      the level a match on it reaches: from its assurance for the sender's own identifiers,
 *                   {@link MatchLevel#WEAK} for names, handles and anything found in free text
 * @param assurance  how the identifier was obtained
 * @param source     where on the contact it was found: {@code sender.userId}, {@code sender.phone},
 *                   {@code sender.email}, {@code sender.handle}, {@code sender.displayName}, {@code content.text}
 */
record Observed(Identifier identifier, MatchLevel level, Assurance assurance, String source) {

    /** Identifier type of a normalised display name (weak). */
    static final String NAME = "name";
    /** Identifier type of a provider handle, {@code provider:handle} (weak: handles change). */
    static final String HANDLE = "handle";

    Observed {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(assurance, "assurance");
        Objects.requireNonNull(source, "source");
    }

    /** @return whether a match on this identifier alone may link automatically */
    boolean canLink() {
        return level == MatchLevel.VERIFIED || level == MatchLevel.STRONG;
    }

    /**
     * @param a an assurance
     * @return the level a match on an identifier of that assurance reaches: verified for verified, strong for
     *         provider-asserted, medium for self-asserted, weak for inferred
     */
    static MatchLevel levelOf(Assurance a) {
        return switch (a) {
            case VERIFIED -> MatchLevel.VERIFIED;
            case PROVIDER -> MatchLevel.STRONG;
            case SELF_ASSERTED -> MatchLevel.MEDIUM;
            case INFERRED -> MatchLevel.WEAK;
        };
    }
}
