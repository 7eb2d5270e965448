package io.switchboard.spi.contact;

/**
 * The person (or system) who made the contact. Every component is nullable: each channel knows
 * different things.
 *
 * @param userId      the provider's immutable user id
 * @param handle      the user's handle ({@code @janecust}); changeable, so never an identity key
 * @param displayName the display name (profile name, CNAM, form name)
 * @param phone       the phone number
 * @param email       the email address
 */
public record Party(ProviderUserId userId, String handle, String displayName, PhoneNumber phone, EmailAddress email) {

    /** A party about whom nothing is known. */
    public static final Party UNKNOWN = new Party(null, null, null, null, null);

    /** @param userId the id @return a copy with the user id */
    public Party withUserId(ProviderUserId userId) {
        return new Party(userId, handle, displayName, phone, email);
    }

    /** @param handle the handle @return a copy with the handle */
    public Party withHandle(String handle) {
        return new Party(userId, handle, displayName, phone, email);
    }

    /** @param displayName the name @return a copy with the display name */
    public Party withDisplayName(String displayName) {
        return new Party(userId, handle, displayName, phone, email);
    }

    /** @param phone the phone @return a copy with the phone */
    public Party withPhone(PhoneNumber phone) {
        return new Party(userId, handle, displayName, phone, email);
    }

    /** @param email the email @return a copy with the email */
    public Party withEmail(EmailAddress email) {
        return new Party(userId, handle, displayName, phone, email);
    }
}
