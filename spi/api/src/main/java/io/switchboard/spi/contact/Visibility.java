package io.switchboard.spi.contact;

/** Whether a contact was made in public (anyone can read it) or in private. */
public enum Visibility {
    /** Visible to the public: tweets, page comments. */
    PUBLIC,
    /** Seen only by the business: DMs, calls, forms, email. */
    PRIVATE
}
