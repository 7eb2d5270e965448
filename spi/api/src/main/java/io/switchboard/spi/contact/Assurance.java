package io.switchboard.spi.contact;

/**
 * How far an identifier can be trusted: how it was verified. Identity matching uses it to decide
 * whether a link may be made automatically.
 */
public enum Assurance {
    /** Verified: signed or attested by the provider, or from an authenticated form session. */
    VERIFIED,
    /** Asserted by the provider network: a caller's network number, a provider user id. */
    PROVIDER,
    /** Typed in by the person and not verified: an email in a web form. */
    SELF_ASSERTED,
    /** Inferred: found in free text, or a display name. */
    INFERRED
}
