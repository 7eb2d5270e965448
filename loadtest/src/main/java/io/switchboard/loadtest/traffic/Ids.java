package io.switchboard.loadtest.traffic;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Provider event ids that are unique within a run and across runs: a random run prefix plus a counter
 * (hexadecimal ids), or a time-based counter (X's numeric snowflake ids). Thread-safe.
 */
public final class Ids {

    /** X's snowflake epoch (2010-11-04T01:42:54.657Z). */
    private static final long TWEPOCH = 1_288_834_974_657L;

    private final String run;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong snowflake = new AtomicLong();
    private final long snowflakeStart;
    private final long machine;

    /** A generator with a fresh random run prefix. */
    public Ids() {
        this(randomRun());
    }

    /**
     * @param run the run prefix: 12 lower-case hex digits
     */
    public Ids(String run) {
        if (!run.matches("^[0-9a-f]{12}$")) {
            throw new IllegalArgumentException("run prefix must be 12 lower-case hex digits, but was " + run);
        }
        this.run = run;
        // Snowflakes carry the time in their top bits; starting at "now" keeps a later run's ids above an earlier one's.
        this.snowflakeStart = System.currentTimeMillis() - TWEPOCH;
        // The 10 "machine" bits come from the run prefix, so two runs started in the same millisecond differ.
        this.machine = Long.parseLong(run.substring(0, 3), 16) & 0x3FF;
    }

    private static String randomRun() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** @return the run prefix (12 hex digits), present in every hexadecimal id of this run */
    public String run() {
        return run;
    }

    /** @return the next counter value, 20 hex digits */
    public String nextHex() {
        return String.format("%020x", seq.incrementAndGet());
    }

    /**
     * @param prefix the two-letter resource prefix ({@code SM}, {@code CA}, {@code AC}, {@code MG})
     * @return a Twilio SID: the prefix and 32 hex digits
     */
    public String twilioSid(String prefix) {
        return prefix + run + nextHex();
    }

    /** @return a numeric X id (snowflake), as a string */
    public String snowflake() {
        long n = snowflake.getAndIncrement();
        // 41 bits of time, 10 of machine, 12 of sequence: the time advances one millisecond per 4096 ids.
        return Long.toString(((snowflakeStart + (n >>> 12)) << 22) | (machine << 12) | (n & 0xFFF));
    }

    /** @return a Messenger message id ({@code m_…}) */
    public String messengerMid() {
        return "m_LT" + run + nextHex();
    }

    /** @return a WhatsApp message id ({@code wamid.…}) */
    public String wamid() {
        return "wamid.HBgLLT" + run + nextHex().toUpperCase(java.util.Locale.ROOT) + "=";
    }

    /** @return a Facebook comment id ({@code <post>_<comment>}, digits) */
    public String commentId(String postId) {
        return postId + "_" + snowflake();
    }

    /** @return a web form idempotency key */
    public String idempotencyKey() {
        return "lt-" + run + "-" + nextHex();
    }
}
