package io.switchboard.gateway.delivery;

import io.switchboard.gateway.config.DeliveryConfig;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.store.ContactStore;
import io.switchboard.spi.sink.ContactSink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forwards processed contacts from the outbox to their sinks: one {@link SinkWorker} per sink, all on this
 * verticle's event loop. Also tracks the outbox depth for backpressure.
 */
public final class DeliveryService extends VerticleBase {

    private final ContactStore store;
    private final Map<String, ContactSink> sinks;
    private final DeliveryConfig config;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Map<String, SinkWorker> workers = new LinkedHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private volatile Context ctx;
    private long depthTimer = -1;

    /**
     * @param store   the store holding the outbox
     * @param sinks   the started sinks by name
     * @param config  delivery settings
     * @param metrics metrics
     * @param clock   the clock
     */
    public DeliveryService(ContactStore store, Map<String, ContactSink> sinks, DeliveryConfig config,
                           GatewayMetrics metrics, Clock clock) {
        this.store = store;
        this.sinks = sinks;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        metrics.outboxDepth(pending::get);
    }

    @Override
    public Future<?> start() {
        ctx = context;
        sinks.forEach((name, sink) -> workers.put(name, new SinkWorker(vertx, name, sink, store, config, metrics, clock)));
        workers.values().forEach(SinkWorker::start);
        depthTimer = vertx.setPeriodic(1, 1000, id -> refreshDepth());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        workers.values().forEach(SinkWorker::stop);
        vertx.cancelTimer(depthTimer);
        return Future.join(sinks.values().stream().map(ContactSink::close).toList());
    }

    private void refreshDepth() {
        store.pendingDeliveries().onSuccess(pending::set);
    }

    /**
     * Called when deliveries were added: wakes the sinks' workers.
     *
     * @param sinkNames the sinks that have new work
     */
    public void notifyWork(List<String> sinkNames) {
        if (sinkNames.isEmpty()) {
            return;
        }
        pending.addAndGet(sinkNames.size());
        Context c = ctx;
        if (c != null) {
            c.runOnContext(v -> sinkNames.forEach(n -> {
                SinkWorker w = workers.get(n);
                if (w != null) {
                    w.wake();
                }
            }));
        }
    }

    /** @return pending deliveries (refreshed every second, raised at once by new work) */
    public long pendingDeliveries() {
        return pending.get();
    }

    /** @return whether the outbox is past its depth limit: intake should answer 503 */
    public boolean backpressure() {
        return pending.get() >= config.maxOutboxDepth();
    }

    /** @return the configured depth limit */
    public long maxDepth() {
        return config.maxOutboxDepth();
    }

    /** @return the names of the sinks */
    public Collection<String> sinkNames() {
        return sinks.keySet();
    }

    /** @return each sink's breaker state, for readiness */
    public JsonObject sinkStates() {
        JsonObject o = new JsonObject();
        workers.forEach((n, w) -> o.put(n, w.breakerState().name().toLowerCase(java.util.Locale.ROOT)));
        return o;
    }
}
