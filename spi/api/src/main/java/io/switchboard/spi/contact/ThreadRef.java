package io.switchboard.spi.contact;

/**
 * Where the contact sits in the provider's own threading. Nullable components.
 *
 * @param threadId  the provider's thread or conversation id (X conversation, Messenger thread,
 *                  WhatsApp conversation, email Message-ID root, Twilio CallSid for a call's events)
 * @param inReplyTo the provider id of the message or post this one replies to
 * @param rootId    the id of the root post of a comment thread
 */
public record ThreadRef(String threadId, String inReplyTo, String rootId) {

    /** No threading information. */
    public static final ThreadRef NONE = new ThreadRef(null, null, null);
}
