package io.switchboard.gateway.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts web-form contacts to a test gateway at a steady rate (requests are sent on schedule, without waiting for
 * the previous answer, as providers do), until stopped or until its bound on count or time. Records the ids
 * acknowledged (202) and the requests refused or unanswered. Contacts come from {@value #CUSTOMERS} customers in
 * turn, so sinks that keep per-customer order still get full batches.
 */
public final class SteadyIntake implements AutoCloseable {

    /** Contacts come from this many customers in turn. */
    public static final int CUSTOMERS = 40;

    private final TestGateway gateway;
    private final String path;
    private final int maxCount;
    private final long deadline;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "steady-intake");
        t.setDaemon(true);
        return t;
    });
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong slowest = new AtomicLong();
    private volatile boolean stop;

    private SteadyIntake(TestGateway gateway, String path, int maxCount, long maxSeconds) {
        this.gateway = gateway;
        this.path = path;
        this.maxCount = maxCount;
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    }

    /**
     * @param gateway    the gateway
     * @param path       the webhook path of a web-form channel
     * @param perSecond  the rate
     * @param maxCount   stop after this many requests at most
     * @param maxSeconds stop after this long at most
     * @return the running intake
     */
    public static SteadyIntake start(TestGateway gateway, String path, int perSecond, int maxCount, long maxSeconds) {
        SteadyIntake s = new SteadyIntake(gateway, path, maxCount, maxSeconds);
        s.timer.scheduleAtFixedRate(s::sendOne, 0, TimeUnit.SECONDS.toNanos(1) / perSecond, TimeUnit.NANOSECONDS);
        return s;
    }

    private void sendOne() {
        if (stop || sent.get() >= maxCount || System.nanoTime() > deadline) {
            return;
        }
        int i = sent.getAndIncrement();
        long t0 = System.nanoTime();
        gateway.client().request(HttpMethod.POST, path).putHeader("Content-Type", "application/json")
                .timeout(20_000)
                .sendBuffer(Buffer.buffer(new JsonObject().put("name", "Steady Customer " + (i % CUSTOMERS))
                        .put("email", "steady.customer." + (i % CUSTOMERS) + "@example.org")
                        .put("message", "steady contact " + i).encode()))
                .onComplete(ar -> {
                    slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    if (ar.failed()) {
                        failed.incrementAndGet();
                    } else if (ar.result().statusCode() == 202) {
                        acknowledged.add(ar.result().bodyAsJsonObject().getString("id"));
                    } else {
                        refused.incrementAndGet();
                    }
                    answered.incrementAndGet();
                });
    }

    /**
     * Stops sending and waits for the answers to what was sent.
     *
     * @throws InterruptedException when interrupted
     */
    public void stop() throws InterruptedException {
        stop = true;
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.get() < sent.get() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }

    /** @return the ids acknowledged so far */
    public List<String> acknowledged() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    /** @return requests answered with something other than 202 */
    public int refused() {
        return refused.get();
    }

    /** @return requests that got no answer */
    public int failed() {
        return failed.get() + (sent.get() - answered.get());
    }

    /** @return the slowest answer, in milliseconds */
    public long slowestMillis() {
        return TimeUnit.NANOSECONDS.toMillis(slowest.get());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
