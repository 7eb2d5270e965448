package io.switchboard.gateway.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.switchboard.gateway.config.DeliveryConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.store.ContactStore;
import io.switchboard.gateway.store.DeliveryOutcome;
import io.switchboard.gateway.store.DeliveryState;
import io.switchboard.gateway.store.OutboxEntry;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.Delivery;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers one sink's outbox: claims due deliveries in batches, calls the sink behind its circuit breaker
 * and an attempt timeout, and records each outcome (delivered, retry with backoff, dead letter). Runs on
 * one event loop (its verticle's); never blocks.
 */
final class SinkWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);

    private final Vertx vertx;
    private final String name;
    private final ContactSink sink;
    private final ContactStore store;
    private final DeliveryConfig config;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private int inFlight;
    private boolean claiming;
    private boolean stopped;
    private long timerId = -1;

    SinkWorker(Vertx vertx, String name, ContactSink sink, ContactStore store, DeliveryConfig config,
               GatewayMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.name = name;
        this.sink = sink;
        this.store = store;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.breaker = CircuitBreaker.of("sink." + name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.breakerWindow())
                .minimumNumberOfCalls(config.breakerMinimumCalls())
                .failureRateThreshold(config.breakerFailureRate())
                .waitDurationInOpenState(config.breakerWaitInOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(Throwable.class)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> LOG.atWarn().setMessage("sink circuit breaker changed state")
                .addKeyValue("sink", name).addKeyValue("from", e.getStateTransition().getFromState().name())
                .addKeyValue("to", e.getStateTransition().getToState().name()).log());
        metrics.sinkBreaker(name, () -> switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        });
    }

    String name() {
        return name;
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    void start() {
        schedule(0);
    }

    void stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** New work may be due: look now unless busy. */
    void wake() {
        if (!stopped && !claiming && inFlight < sink.maxInFlightBatches()) {
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            poll();
        }
    }

    private void schedule(long delayMs) {
        if (stopped) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        timerId = vertx.setTimer(Math.max(1, delayMs), id -> {
            timerId = -1;
            poll();
        });
    }

    private void poll() {
        if (stopped || claiming || inFlight >= sink.maxInFlightBatches()) {
            return;
        }
        if (!breaker.tryAcquirePermission()) {
            schedule(config.pollInterval().toMillis());
            return;
        }
        claiming = true;
        Instant now = clock.instant();
        store.claim(name, config.batchSize(), sink.ordered(), now, config.attemptTimeout().multipliedBy(2))
                .onComplete(ar -> {
                    claiming = false;
                    if (ar.failed()) {
                        breaker.releasePermission();
                        LOG.atWarn().setMessage("claiming deliveries failed").addKeyValue("sink", name)
                                .addKeyValue("error", ar.cause().getMessage()).log();
                        schedule(config.pollInterval().toMillis());
                        return;
                    }
                    List<OutboxEntry> batch = ar.result();
                    if (batch.isEmpty()) {
                        breaker.releasePermission();
                        schedule(config.pollInterval().toMillis());
                        return;
                    }
                    deliver(batch);
                    poll();
                });
    }

    private void deliver(List<OutboxEntry> batch) {
        inFlight++;
        List<Delivery> deliveries = new ArrayList<>(batch.size());
        for (OutboxEntry e : batch) {
            deliveries.add(new Delivery(e.id(), e.contact(), e.attempts() + 1, e.createdAt()));
        }
        long start = System.nanoTime();
        Future<List<DeliveryResult>> call;
        try {
            call = sink.deliver(deliveries);
            if (call == null) {
                call = Future.failedFuture(new IllegalStateException("sink returned no future"));
            }
        } catch (RuntimeException e) {
            call = Future.failedFuture(e);
        }
        withTimeout(call, config.attemptTimeout()).onComplete(ar -> {
            long nanos = System.nanoTime() - start;
            List<DeliveryResult> results;
            if (ar.succeeded() && ar.result() != null && ar.result().size() == batch.size()) {
                results = ar.result();
                boolean allRetry = results.stream().allMatch(r -> r instanceof DeliveryResult.Retry);
                if (allRetry) {
                    breaker.onError(nanos, TimeUnit.NANOSECONDS, new IllegalStateException("every delivery failed"));
                } else {
                    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                }
            } else {
                Throwable cause = ar.failed() ? ar.cause()
                        : new IllegalStateException("sink returned " + (ar.result() == null ? "null" : ar.result().size())
                        + " results for " + batch.size() + " deliveries");
                breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
                String reason = cause instanceof TimeoutException ? "timeout" : cause.getClass().getSimpleName();
                results = batch.stream().map(e -> (DeliveryResult) DeliveryResult.retry(reason, null)).toList();
            }
            metrics.sinkLatency(name, nanos);
            List<DeliveryOutcome> outcomes = new ArrayList<>(batch.size());
            Instant now = clock.instant();
            for (int i = 0; i < batch.size(); i++) {
                outcomes.add(outcome(batch.get(i), results.get(i), now));
            }
            store.recordOutcomes(outcomes, now).onComplete(rec -> {
                inFlight--;
                if (rec.failed()) {
                    // The claims expire and the deliveries are tried again: at least once, never lost.
                    LOG.atWarn().setMessage("recording delivery outcomes failed").addKeyValue("sink", name)
                            .addKeyValue("error", rec.cause().getMessage()).log();
                    schedule(config.pollInterval().toMillis());
                } else {
                    outcomes.forEach(o -> metrics.delivery(name, o.state()));
                    poll();
                }
            });
        });
    }

    private <T> Future<T> withTimeout(Future<T> f, Duration timeout) {
        Promise<T> p = Promise.promise();
        long t = vertx.setTimer(timeout.toMillis(), id -> p.tryFail(new TimeoutException("no answer within " + timeout)));
        f.onComplete(ar -> {
            vertx.cancelTimer(t);
            if (ar.succeeded()) {
                p.tryComplete(ar.result());
            } else {
                p.tryFail(ar.cause());
            }
        });
        return p.future();
    }

    DeliveryOutcome outcome(OutboxEntry e, DeliveryResult r, Instant now) {
        int attempts = e.attempts() + 1;
        if (r instanceof DeliveryResult.Delivered d) {
            return new DeliveryOutcome(e.id(), DeliveryState.DELIVERED, attempts, null, null, d.externalRef());
        }
        if (r instanceof DeliveryResult.Failed f) {
            return new DeliveryOutcome(e.id(), DeliveryState.DEAD, attempts, null, "permanent: " + f.reason(), null);
        }
        DeliveryResult.Retry retry = (DeliveryResult.Retry) r;
        if (attempts >= config.maxAttempts()) {
            return new DeliveryOutcome(e.id(), DeliveryState.DEAD, attempts, null,
                    "gave up after " + attempts + " attempts: " + retry.reason(), null);
        }
        Duration delay = backoff(attempts, retry.retryAfter());
        Instant next = now.plus(delay);
        if (next.isAfter(e.cycleStartedAt().plus(config.maxAge()))) {
            return new DeliveryOutcome(e.id(), DeliveryState.DEAD, attempts, null,
                    "gave up after " + config.maxAge() + ": " + retry.reason(), null);
        }
        return new DeliveryOutcome(e.id(), DeliveryState.PENDING, attempts, next, retry.reason(), null);
    }

    /**
     * Exponential backoff with equal jitter: half the capped exponential delay, plus a random share of the
     * other half. A sink's Retry-After wins when it asks for longer.
     */
    Duration backoff(int attempts, Duration retryAfter) {
        long initial = config.initialBackoff().toMillis();
        long cap = config.maxBackoff().toMillis();
        long exp = attempts >= 31 ? cap : Math.min(cap, initial * (1L << Math.max(0, attempts - 1)));
        long jittered = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        if (retryAfter != null && retryAfter.toMillis() > jittered) {
            return retryAfter;
        }
        return Duration.ofMillis(jittered);
    }
}
