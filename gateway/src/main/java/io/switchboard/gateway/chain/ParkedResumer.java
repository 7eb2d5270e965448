package io.switchboard.gateway.chain;

import io.switchboard.gateway.pipeline.ContactPipeline;
import io.switchboard.gateway.store.ContactStore;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ProcessingStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resumes contacts parked by {@code retry-later} steps, from the step that parked them, when the step has
 * recovered: every {@code retryInterval} while its breaker lets calls through, and at once when its breaker
 * closes. Starts with one contact (a probe) and doubles the batch while contacts get past the step, so a step
 * that is still failing is not flooded. After a start or a reload, contacts parked at steps that are no longer
 * configured are run again on their channel's current chain. Parked contacts are only ever read from the
 * store and re-run through the pipeline (which skips contacts already in flight): never dropped.
 */
public final class ParkedResumer {

    private static final Logger LOG = LoggerFactory.getLogger(ParkedResumer.class);
    private static final int MAX_BATCH = 200;
    private static final long TICK_MS = 250;

    private final Vertx vertx;
    private final ContactStore store;
    private final ContactPipeline pipeline;
    private final ChainExecutor executor;
    private final int maxInFlight;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private volatile boolean orphansDue = true;
    private volatile boolean scanningOrphans;
    private long timerId = -1;

    /** Per step; touched from the timer, store callbacks and breaker events: races only cost an early attempt. */
    private static final class State {
        volatile long nextAttemptAt;
        volatile int batch = 1;
        volatile boolean busy;
    }

    /**
     * @param vertx       the Vert.x instance
     * @param store       the store parked contacts are read from
     * @param pipeline    the pipeline resumed contacts run through
     * @param executor    the chains
     * @param maxInFlight the pipeline's bound; resumption uses at most half of it
     */
    public ParkedResumer(Vertx vertx, ContactStore store, ContactPipeline pipeline, ChainExecutor executor,
                         int maxInFlight) {
        this.vertx = vertx;
        this.store = store;
        this.pipeline = pipeline;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
        executor.listen(() -> orphansDue = true, step -> state(step).nextAttemptAt = 0);
    }

    /** Starts resuming (parked contacts of earlier runs included). */
    public void start() {
        vertx.runOnContext(v -> timerId = vertx.setPeriodic(TICK_MS, id -> tick()));
    }

    /** Stops resuming; parked contacts stay parked in the store. */
    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private State state(Step step) {
        return states.computeIfAbsent(step.config.qualifiedName(), k -> new State());
    }

    private boolean room() {
        return pipeline.inFlight() < maxInFlight / 2;
    }

    private void tick() {
        if (orphansDue && !scanningOrphans) {
            orphansDue = false;
            scanningOrphans = true;
            orphans(null);
        }
        long now = System.currentTimeMillis();
        for (Step step : executor.current().steps()) {
            if (step.config.onFailure() != FailurePolicy.RETRY_LATER) {
                continue;
            }
            State s = state(step);
            if (s.busy || now < s.nextAttemptAt || !room()) {
                continue;
            }
            if (!step.permitsResumption()) {
                continue;
            }
            s.busy = true;
            String chain = step.config.chain();
            String name = step.name();
            store.parked(chain, name, null, s.batch).onComplete(ar -> {
                if (ar.failed() || ar.result().isEmpty()) {
                    s.busy = false;
                    s.nextAttemptAt = System.currentTimeMillis() + step.config.retryInterval().toMillis();
                    return;
                }
                List<Contact> page = ar.result();
                List<Future<Contact>> runs = pipeline.submitTracked(page);
                Future.join(runs).onComplete(done -> {
                    long moved = 0;
                    for (Future<Contact> r : runs) {
                        Contact c = r.succeeded() ? r.result() : null;
                        if (c != null && !(c.processing().status() == ProcessingStatus.PARKED
                                && chain.equals(c.processing().chain()) && name.equals(c.processing().nextStep()))) {
                            moved++;
                        }
                    }
                    s.busy = false;
                    if (moved > 0) {
                        LOG.atInfo().setMessage("parked contacts resumed").addKeyValue("chain", chain)
                                .addKeyValue("step", name).addKeyValue("resumed", moved)
                                .addKeyValue("stillParked", page.size() - moved).log();
                        s.batch = Math.min(MAX_BATCH, s.batch * 2);
                        s.nextAttemptAt = 0;
                    } else {
                        s.batch = 1;
                        s.nextAttemptAt = System.currentTimeMillis() + step.config.retryInterval().toMillis();
                    }
                });
            });
        }
    }

    /** Re-runs contacts parked at steps that the current chains no longer have. */
    private void orphans(String afterId) {
        store.parked(null, null, afterId, MAX_BATCH).onComplete(ar -> {
            if (ar.failed()) {
                scanningOrphans = false;
                orphansDue = true;
                return;
            }
            List<Contact> page = ar.result();
            ChainSet set = executor.current();
            List<Contact> orphaned = page.stream().filter(c -> {
                Chain chain = c.processing().chain() == null ? null : set.chains.get(c.processing().chain());
                return chain == null || c.processing().nextStep() == null || chain.indexOf(c.processing().nextStep()) < 0;
            }).toList();
            if (!orphaned.isEmpty()) {
                LOG.atWarn().setMessage("re-running contacts parked at steps no longer configured")
                        .addKeyValue("contacts", orphaned.size()).log();
            }
            List<Future<Contact>> runs = pipeline.submitTracked(orphaned);
            Future.join(runs).onComplete(x -> {
                for (Future<Contact> r : runs) {
                    Contact c = r.succeeded() ? r.result() : null;
                    if (c == null || c.processing().status() == ProcessingStatus.PARKED
                            && set.position(c).chain() != null && !set.position(c).resumed()) {
                        orphansDue = true; // not run now (no room, or it failed): look again on the next tick
                    }
                }
                if (page.size() == MAX_BATCH) {
                    orphans(page.get(page.size() - 1).id());
                } else {
                    scanningOrphans = false;
                }
            });
        });
    }
}
