package io.switchboard.spi.contact;

/** Where a contact is in the gateway's pipeline. */
public enum ProcessingStatus {
    /** Durably accepted; its plugin chain has not finished yet. */
    ACCEPTED,
    /** Its plugin chain ran to the end. */
    PROCESSED,
    /** A plugin rejected it (it is still stored, with the reason). */
    REJECTED,
    /** Parked by a {@code retry-later} step; the chain resumes from that step when it recovers. */
    PARKED
}
