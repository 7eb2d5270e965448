package io.switchboard.spi.contact;

/** What kind of contact this is, independent of the channel it came through. */
public enum ContactKind {
    /** A direct or private message (DM, SMS, WhatsApp, Messenger, Telegram). */
    MESSAGE,
    /** A comment on a post (Facebook Page feed, Instagram). */
    COMMENT,
    /** A public mention of the brand (a tweet). */
    MENTION,
    /** A phone call. */
    CALL,
    /** A voicemail or call recording, possibly with a transcript. */
    VOICEMAIL,
    /** A web-form submission. */
    FORM,
    /** An email. */
    EMAIL,
    /** A status event about an earlier contact or outbound message (delivered, read, call completed). */
    STATUS
}
