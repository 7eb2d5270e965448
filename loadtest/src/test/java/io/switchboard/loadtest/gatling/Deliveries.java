package io.switchboard.loadtest.gatling;

import io.switchboard.loadtest.traffic.Kind;
import io.switchboard.loadtest.traffic.SignedRequest;

import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What a duplicate-delivery run sent: the recent first deliveries of each kind (so that a provider retry can
 * resend one of them unchanged) and every provider event id sent (so that afterwards each can be checked to
 * be stored exactly once). Thread-safe.
 */
public final class Deliveries {

    /** A stored-once check to make: the event id on its channel. */
    public record EventRef(String channel, String eventId) {
    }

    private static final int RECENT = 4096;

    private final Map<Kind, AtomicReferenceArray<SignedRequest>> recent = new EnumMap<>(Kind.class);
    private final Map<Kind, AtomicLong> recorded = new EnumMap<>(Kind.class);
    private final Map<EventRef, Boolean> events = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private final Queue<EventRef> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean verificationStarted = new AtomicBoolean();
    private final AtomicLong checked = new AtomicLong();

    /** An empty record. */
    public Deliveries() {
        for (Kind k : Kind.values()) {
            recent.put(k, new AtomicReferenceArray<>(RECENT));
            recorded.put(k, new AtomicLong());
        }
    }

    /**
     * Records a first delivery.
     *
     * @param request the request about to be sent
     */
    public void record(SignedRequest request) {
        long n = recorded.get(request.kind()).getAndIncrement();
        recent.get(request.kind()).set((int) (n % RECENT), request);
        for (String id : request.eventIds()) {
            events.put(new EventRef(request.channel(), id), Boolean.TRUE);
        }
    }

    /**
     * @param kind a kind
     * @return one of the recent first deliveries of that kind to resend as a retry, or null when there is none yet
     */
    public SignedRequest retryOf(Kind kind) {
        long n = recorded.get(kind).get();
        if (n == 0) {
            return null;
        }
        int bound = (int) Math.min(n, RECENT);
        SignedRequest r = recent.get(kind).get(ThreadLocalRandom.current().nextInt(bound));
        if (r != null) {
            retries.incrementAndGet();
        }
        return r;
    }

    /** @return distinct provider event ids sent */
    public int eventCount() {
        return events.size();
    }

    /** @return retries sent */
    public long retryCount() {
        return retries.get();
    }

    /** Queues every event id sent for checking; only the first call does anything. */
    public void startVerification() {
        if (verificationStarted.compareAndSet(false, true)) {
            pending.addAll(events.keySet());
        }
    }

    /** @return whether checks remain */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** @return the next check to make, or null when none remain */
    public EventRef nextPending() {
        EventRef r = pending.poll();
        if (r != null) {
            checked.incrementAndGet();
        }
        return r;
    }

    /** @return checks handed out */
    public long checkedCount() {
        return checked.get();
    }
}
