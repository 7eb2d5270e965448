package io.switchboard.spi.contact;

/**
 * The strength of a customer match. Links are made automatically only at {@link #VERIFIED} or
 * {@link #STRONG}, and only with exactly one candidate.
 */
public enum MatchLevel {
    /** Signed or attested by the provider, or an authenticated form. */
    VERIFIED,
    /** An exact network phone number or a provider user id. */
    STRONG,
    /** An unverified form email. */
    MEDIUM,
    /** A name, a handle, a number found in free text. */
    WEAK,
    /** Nothing matched. */
    NONE
}
