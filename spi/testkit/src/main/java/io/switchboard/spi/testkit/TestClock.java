package io.switchboard.spi.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test sets and moves: give it to {@link PluginTester.Builder#clock(Clock)} to test time-dependent
 * plugins (opening hours, conversation windows) without waiting. Thread-safe.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * @param start the first instant
     * @return a clock in UTC standing at {@code start}
     */
    public static TestClock at(Instant start) {
        return new TestClock(new AtomicReference<>(Objects.requireNonNull(start)), ZoneOffset.UTC);
    }

    /**
     * @param isoInstant e.g. {@code 2026-11-25T10:00:00Z}
     * @return a clock in UTC standing there
     */
    public static TestClock at(String isoInstant) {
        return at(Instant.parse(isoInstant));
    }

    /** @param instant where the clock now stands @return this */
    public TestClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant));
        return this;
    }

    /** @param amount how far to move the clock forward (negative moves it back) @return this */
    public TestClock advance(Duration amount) {
        now.updateAndGet(i -> i.plus(amount));
        return this;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
