package io.switchboard.spi.contact;

/** Priority bands, P1 most urgent. */
public enum PriorityBand {
    /** Urgent. */
    P1,
    /** High. */
    P2,
    /** Normal. */
    P3,
    /** Low. */
    P4
}
