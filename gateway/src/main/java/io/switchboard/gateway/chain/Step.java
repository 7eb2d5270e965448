package io.switchboard.gateway.chain;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.switchboard.gateway.metrics.StepMeters;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.plugin.BlockingContactPlugin;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginResult;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * One chain step at run time: its plugin behind its resilience wrappers. Non-blocking end to end: a call never
 * parks a thread (rate-limit waits and the time limit are Vert.x timers, the bulkhead and breaker only try for
 * a permit, blocking plugins run on the bounded {@link BlockingPool}). Thread-safe; one instance serves
 * concurrent calls.
 */
final class Step {

    private static final Logger LOG = LoggerFactory.getLogger(Step.class);

    private static final StepOutcome RATE_LIMITED = StepOutcome.failed("rate-limited", null);
    private static final StepOutcome BULKHEAD_FULL = StepOutcome.failed("bulkhead-full", null);
    private static final StepOutcome CIRCUIT_OPEN = StepOutcome.failed("circuit-open", null);

    /** The plugin returned a null future or a null result. */
    private static final class NullResult extends RuntimeException {
        NullResult() {
            super("the plugin returned a null future or result", null, false, false);
        }
    }

    /** The blocking pool's queue is full: a refusal, not a failure of the plugin. */
    private static final class PoolFull extends RuntimeException {
        PoolFull() {
            super("the blocking worker pool is full", null, false, false);
        }
    }

    /** A failure reported without an exception (the breaker needs one). */
    private static final class Failure extends RuntimeException {
        Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Future<PluginResult> NULL_RESULT = Future.failedFuture(new NullResult());
    private static final Future<PluginResult> POOL_FULL = Future.failedFuture(new PoolFull());

    final StepConfig config;
    final ContactPlugin plugin;
    final StepMeters meters;
    private final Vertx vertx;
    private final RateLimiter limiter;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final long timeLimitMs;
    private final BlockingPool pool;
    private final PluginContext callContext;
    private volatile Runnable onRecovery = () -> { };

    Step(Vertx vertx, StepConfig config, ContactPlugin plugin, BlockingPool pool, StepMeters meters, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.plugin = plugin;
        this.pool = pool;
        this.meters = meters;
        this.timeLimitMs = Math.max(1, config.timeLimit().toMillis());
        this.callContext = new CallContext(vertx, config.chain(), config.name(), clock);
        String name = config.qualifiedName();
        StepConfig.RateLimit rl = config.rateLimit();
        this.limiter = rl == null ? null : RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(rl.permits()).limitRefreshPeriod(rl.period()).timeoutDuration(rl.maxWait()).build());
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom().maxConcurrentCalls(config.bulkhead().maxConcurrent())
                .maxWaitDuration(java.time.Duration.ZERO).build());
        StepConfig.Breaker b = config.breaker();
        if (b == null) {
            this.breaker = null;
        } else {
            this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                    .failureRateThreshold(b.failureRate())
                    .slowCallRateThreshold(b.slowCallRate())
                    .slowCallDurationThreshold(b.slowCallDuration())
                    .slidingWindowType("time".equals(b.windowType())
                            ? CircuitBreakerConfig.SlidingWindowType.TIME_BASED
                            : CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(b.window())
                    .minimumNumberOfCalls(b.minimumCalls())
                    .waitDurationInOpenState(b.waitInOpen())
                    .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                    .recordExceptions(Throwable.class)
                    .writableStackTraceEnabled(false)
                    .build());
            breaker.getEventPublisher().onStateTransition(e -> {
                LOG.atWarn().setMessage("chain step circuit breaker changed state")
                        .addKeyValue("chain", config.chain()).addKeyValue("step", config.name())
                        .addKeyValue("breaker", name)
                        .addKeyValue("from", e.getStateTransition().getFromState().name())
                        .addKeyValue("to", e.getStateTransition().getToState().name()).log();
                if (e.getStateTransition().getToState() == CircuitBreaker.State.CLOSED) {
                    onRecovery.run();
                }
            });
        }
    }

    /** @param listener told when the step's breaker closes (parked contacts can resume) */
    void onRecovery(Runnable listener) {
        this.onRecovery = listener;
    }

    /** @return the step's name in its chain */
    String name() {
        return config.name();
    }

    /**
     * Calls the plugin on one contact behind the step's wrappers.
     *
     * @param contact the contact
     * @return the outcome; never a failed future
     */
    Future<StepOutcome> call(Contact contact) {
        // The one place the wrapper order is written (CONVENTIONS.md): rate limiter and bulkhead outermost, so
        // refused calls never reach the breaker and never count as failures; then the circuit breaker; the time
        // limit innermost, so the breaker counts timeouts.
        return rateLimited(contact);
    }

    private Future<StepOutcome> rateLimited(Contact contact) {
        if (limiter == null) {
            return bulkheaded(contact);
        }
        long waitNanos = limiter.reservePermission();
        if (waitNanos < 0) {
            return refused(RATE_LIMITED);
        }
        if (waitNanos == 0) {
            return bulkheaded(contact);
        }
        // The permit is reserved for a moment in the next period: wait for it on a timer, not a thread.
        Promise<StepOutcome> p = Promise.promise();
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)),
                id -> bulkheaded(contact).onComplete(p));
        return p.future();
    }

    private Future<StepOutcome> bulkheaded(Contact contact) {
        if (!bulkhead.tryAcquirePermission()) {
            return refused(BULKHEAD_FULL);
        }
        Future<StepOutcome> f = breakered(contact);
        if (f.isComplete()) {
            bulkhead.onComplete();
            return f;
        }
        return f.onComplete(ar -> bulkhead.onComplete());
    }

    private Future<StepOutcome> breakered(Contact contact) {
        if (breaker != null && !breaker.tryAcquirePermission()) {
            return refused(CIRCUIT_OPEN);
        }
        long start = System.nanoTime();
        Future<PluginResult> f = timeLimited(contact);
        if (f.isComplete()) {
            return Future.succeededFuture(finish(contact, f, start));
        }
        Promise<StepOutcome> p = Promise.promise();
        f.onComplete(ar -> p.complete(finish(contact, ar, start)));
        return p.future();
    }

    private Future<PluginResult> timeLimited(Contact contact) {
        if (config.blocking()) {
            return onWorker(contact);
        }
        Future<PluginResult> f = invoke(contact);
        if (f.isComplete()) {
            return f;
        }
        Promise<PluginResult> p = Promise.promise();
        long timer = vertx.setTimer(timeLimitMs,
                id -> p.tryFail(new StepTimeoutException(config.qualifiedName(), timeLimitMs)));
        f.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                p.tryComplete(ar.result());
            } else {
                p.tryFail(ar.cause());
            }
        });
        return p.future();
    }

    private Future<PluginResult> invoke(Contact contact) {
        try {
            Future<PluginResult> f = plugin.apply(contact, callContext);
            return f == null ? NULL_RESULT : f;
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable t) {
            return Future.failedFuture(t);
        }
    }

    private Future<PluginResult> onWorker(Contact contact) {
        Context ctx = vertx.getOrCreateContext();
        Promise<PluginResult> p = Promise.promise();
        java.util.concurrent.Future<?> task = pool.submit(() -> {
            try {
                if (plugin instanceof BlockingContactPlugin bp) {
                    PluginResult r = bp.applyBlocking(contact, callContext);
                    ctx.runOnContext(v -> p.tryComplete(r));
                } else {
                    invoke(contact).onComplete(ar -> ctx.runOnContext(v -> complete(p, ar)));
                }
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable t) {
                ctx.runOnContext(v -> p.tryFail(t));
            }
        });
        if (task == null) {
            return POOL_FULL;
        }
        long timer = vertx.setTimer(timeLimitMs, id -> {
            if (p.tryFail(new StepTimeoutException(config.qualifiedName(), timeLimitMs))) {
                task.cancel(true);
            }
        });
        return p.future().onComplete(ar -> vertx.cancelTimer(timer));
    }

    private static void complete(Promise<PluginResult> p, AsyncResult<PluginResult> ar) {
        if (ar.succeeded()) {
            p.tryComplete(ar.result());
        } else {
            p.tryFail(ar.cause());
        }
    }

    private StepOutcome finish(Contact contact, AsyncResult<PluginResult> ar, long start) {
        long nanos = System.nanoTime() - start;
        if (ar.failed() && ar.cause() instanceof PoolFull) {
            if (breaker != null) {
                breaker.releasePermission();
            }
            meters.failed("worker-pool-full");
            return StepOutcome.failed("worker-pool-full", ar.cause());
        }
        meters.latency(nanos);
        StepOutcome o = classify(contact, ar);
        if (o.kind() == StepOutcome.Kind.FAILED) {
            if (breaker != null) {
                breaker.onError(nanos, TimeUnit.NANOSECONDS, o.error() != null ? o.error() : new Failure(o.reason()));
            }
            meters.failed(o.reason());
        } else {
            if (breaker != null) {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
            if (o.kind() == StepOutcome.Kind.PROCEEDED) {
                meters.proceeded();
            } else {
                meters.rejected();
            }
        }
        return o;
    }

    /** Classifies a plugin's answer; the test kit's {@code PluginTester} classifies the same way. */
    private static StepOutcome classify(Contact input, AsyncResult<PluginResult> ar) {
        if (ar.failed()) {
            Throwable e = ar.cause();
            if (e instanceof NullResult) {
                return StepOutcome.failed("null-result", e);
            }
            if (e instanceof StepTimeoutException) {
                return StepOutcome.failed("timeout", e);
            }
            return StepOutcome.failed("error:" + e.getClass().getSimpleName(), e);
        }
        PluginResult r = ar.result();
        if (r == null) {
            return StepOutcome.failed("null-result", null);
        }
        if (r instanceof PluginResult.Reject rej) {
            return StepOutcome.rejected(rej.reason());
        }
        Contact out = ((PluginResult.Proceed) r).contact();
        if (!out.id().equals(input.id())) {
            return StepOutcome.failed("invalid-result", null);
        }
        return StepOutcome.proceeded(out);
    }

    private Future<StepOutcome> refused(StepOutcome o) {
        meters.failed(o.reason());
        return Future.succeededFuture(o);
    }

    /** @return whether parked contacts may be tried now: the breaker lets calls through (it may go half-open) */
    boolean permitsResumption() {
        if (breaker == null) {
            return true;
        }
        if (breaker.getState() == CircuitBreaker.State.CLOSED) {
            return true;
        }
        // Open past its wait: this moves it to half-open; the permit is handed back for the resumed contact.
        if (breaker.tryAcquirePermission()) {
            breaker.releasePermission();
            return true;
        }
        return false;
    }

    /** @return 0 closed, 1 open, 2 half-open, -1 no breaker */
    int breakerState() {
        if (breaker == null) {
            return -1;
        }
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }

    /** @return the breaker's state name, or {@code none} */
    String breakerStateName() {
        return breaker == null ? "none" : breaker.getState().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** @return the step's configuration and live state, for {@code GET /api/chains} */
    JsonObject describe() {
        JsonObject o = new JsonObject().put("name", config.name()).put("plugin", config.plugin())
                .put("source", config.source()).put("blocking", config.blocking())
                .put("onFailure", config.onFailure().key()).put("timeLimitMs", timeLimitMs);
        JsonObject b = new JsonObject().put("state", breakerStateName());
        if (breaker != null) {
            CircuitBreaker.Metrics m = breaker.getMetrics();
            b.put("failureRate", m.getFailureRate()).put("slowCallRate", m.getSlowCallRate())
                    .put("bufferedCalls", m.getNumberOfBufferedCalls()).put("failedCalls", m.getNumberOfFailedCalls())
                    .put("slowCalls", m.getNumberOfSlowCalls())
                    .put("notPermittedCalls", m.getNumberOfNotPermittedCalls())
                    .put("failureRateThreshold", config.breaker().failureRate())
                    .put("slowCallRateThreshold", config.breaker().slowCallRate());
        }
        o.put("breaker", b);
        if (limiter != null) {
            o.put("rateLimit", new JsonObject().put("permits", config.rateLimit().permits())
                    .put("periodMs", config.rateLimit().period().toMillis())
                    .put("maxWaitMs", config.rateLimit().maxWait().toMillis())
                    .put("availablePermits", limiter.getMetrics().getAvailablePermissions())
                    .put("waiting", limiter.getMetrics().getNumberOfWaitingThreads()));
        } else {
            o.putNull("rateLimit");
        }
        o.put("bulkhead", new JsonObject().put("maxConcurrent", config.bulkhead().maxConcurrent())
                .put("available", bulkhead.getMetrics().getAvailableConcurrentCalls()));
        o.put("counters", new JsonObject(meters.snapshot()));
        return o;
    }

    /**
     * Closes the plugin.
     *
     * @return completion; never fails (a failing close is logged)
     */
    Future<Void> close() {
        Future<Void> f;
        try {
            f = plugin.close();
            if (f == null) {
                f = Future.succeededFuture();
            }
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        return f.recover(e -> {
            LOG.atWarn().setMessage("plugin did not close cleanly").addKeyValue("step", config.qualifiedName())
                    .addKeyValue("error", e.getClass().getSimpleName()).log();
            return Future.succeededFuture();
        });
    }

    private record CallContext(Vertx vertx, String chain, String step, Clock clock) implements PluginContext {
    }
}
