package io.switchboard.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The gateway's meters. Labels carry only configuration-defined names (channel ids, reason codes, event
 * types), never request data, so their cardinality is bounded. Requests to an unknown channel are
 * counted under the channel label {@code _unknown}.
 */
public final class GatewayMetrics {

    /** Channel label for requests to channels that are not configured. */
    public static final String UNKNOWN_CHANNEL = "_unknown";

    private final PrometheusMeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    private GatewayMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Creates a registry with JVM and process metrics bound.
     *
     * @return the metrics
     */
    public static GatewayMetrics create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new GatewayMetrics(registry);
    }

    /** @return the Micrometer registry (also given to Vert.x for its own metrics) */
    public MeterRegistry registry() {
        return registry;
    }

    /** @return the Prometheus text exposition */
    public String scrape() {
        return registry.scrape();
    }

    private Counter counter(String name, String description, String... tags) {
        String key = name + String.join("\u0000", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }

    /**
     * Counts a contact accepted (stored for the first time).
     *
     * @param channel the channel id
     * @param kind    the contact kind
     */
    public void accepted(String channel, String kind) {
        counter("switchboard_contacts_accepted", "Contacts durably accepted", "channel", channel, "kind", kind)
                .increment();
    }

    /**
     * Counts a provider retry of an event already stored.
     *
     * @param channel the channel id
     */
    public void duplicate(String channel) {
        counter("switchboard_contacts_duplicate", "Provider retries de-duplicated", "channel", channel).increment();
    }

    /**
     * Counts a rejected request.
     *
     * @param channel the channel id or {@link #UNKNOWN_CHANNEL}
     * @param reason  the reason code
     */
    public void rejected(String channel, String reason) {
        counter("switchboard_requests_rejected", "Requests rejected, by reason", "channel", channel, "reason", reason)
                .increment();
    }

    /**
     * Counts an event acknowledged without a contact.
     *
     * @param channel   the channel id
     * @param eventType the provider event type
     * @param reason    why it was not stored
     */
    public void ignored(String channel, String eventType, String reason) {
        counter("switchboard_events_ignored", "Events acknowledged without a contact", "channel", channel,
                "event_type", eventType, "reason", reason).increment();
    }

    /**
     * Counts a handshake answered.
     *
     * @param channel the channel id
     */
    public void handshake(String channel) {
        counter("switchboard_handshakes", "Verification handshakes answered", "channel", channel).increment();
    }

    /**
     * Counts a request the gateway failed on (a bug, or the store unavailable).
     *
     * @param channel the channel id
     * @param reason  {@code store-unavailable}, {@code store-overloaded}, {@code internal}
     */
    public void failed(String channel, String reason) {
        counter("switchboard_requests_failed", "Requests the gateway could not serve", "channel", channel,
                "reason", reason).increment();
    }

    /**
     * Records a webhook request's latency.
     *
     * @param channel the channel id
     * @param status  the HTTP status class, e.g. {@code 2xx}
     * @param nanos   the latency
     */
    public void latency(String channel, String status, long nanos) {
        String key = channel + "\u0000" + status;
        timers.computeIfAbsent(key, k -> Timer.builder("switchboard_webhook_latency")
                        .description("Webhook request latency, from first byte to answer")
                        .tags("channel", channel, "status", status)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Registers the outbox depth gauge.
     *
     * @param depth the pending deliveries
     */
    public void outboxDepth(java.util.function.Supplier<Number> depth) {
        io.micrometer.core.instrument.Gauge.builder("switchboard_outbox_pending", depth)
                .description("Deliveries waiting in the outbox").register(registry);
    }

    /**
     * Registers the embedded store's commit counters: their ratio is the mean group-commit batch.
     *
     * @param store   the store (Micrometer refers to it weakly: the gateway keeps it for as long as it runs)
     * @param commits transactions committed
     * @param writes  writes those transactions held
     * @param <T>     the store's type
     */
    public <T> void storeCommits(T store, java.util.function.ToDoubleFunction<T> commits,
                                 java.util.function.ToDoubleFunction<T> writes) {
        io.micrometer.core.instrument.FunctionCounter.builder("switchboard_store_commits", store, commits)
                .description("Transactions the embedded store's writer committed (one fsync each)").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("switchboard_store_committed_writes", store, writes)
                .description("Writes held by those transactions").register(registry);
    }

    /**
     * Records where the embedded store's writer spends its time, batch by batch: running the writes, and committing
     * them (writing the WAL and its fsync). Over an interval, the rate of both sums is how busy the one writer thread
     * is; the commit histogram shows the slow commits every request of their batch waits for.
     *
     * @param executeNanos time spent running the batch's writes
     * @param commitNanos  time spent committing them
     */
    public void storeBatch(long executeNanos, long commitNanos) {
        timers.computeIfAbsent("store\u0000execute", k -> batchTimer("execute"))
                .record(executeNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        timers.computeIfAbsent("store\u0000commit", k -> batchTimer("commit"))
                .record(commitNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer batchTimer(String phase) {
        return Timer.builder("switchboard_store_batch")
                .description("Embedded store writer, per committed batch: time running its writes (execute) and "
                        + "committing them, WAL write and fsync (commit)")
                .tags("phase", phase)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /**
     * Registers a sink's breaker state gauge (0 closed, 1 open, 2 half-open).
     *
     * @param sink  the sink name
     * @param state the state
     */
    public void sinkBreaker(String sink, java.util.function.Supplier<Number> state) {
        io.micrometer.core.instrument.Gauge.builder("switchboard_sink_breaker_state", state)
                .description("Sink circuit breaker: 0 closed, 1 open, 2 half-open").tags("sink", sink)
                .register(registry);
    }

    /**
     * Counts a delivery outcome.
     *
     * @param sink  the sink name
     * @param state {@code delivered}, {@code pending} (retry scheduled) or {@code dead}
     */
    public void delivery(String sink, String state) {
        counter("switchboard_deliveries", "Delivery attempts by outcome", "sink", sink, "outcome",
                "pending".equals(state) ? "retry" : state).increment();
    }

    /**
     * Records a sink call's latency.
     *
     * @param sink  the sink name
     * @param nanos the latency
     */
    public void sinkLatency(String sink, long nanos) {
        timers.computeIfAbsent("sink\u0000" + sink, k -> Timer.builder("switchboard_sink_latency")
                        .description("Sink batch delivery latency").tags("sink", sink)
                        .publishPercentileHistogram().register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private final ConcurrentMap<String, StepMeters> steps = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, io.micrometer.core.instrument.Gauge> breakerGauges = new ConcurrentHashMap<>();

    /**
     * The meters of one chain step, created on first use and kept across reloads.
     *
     * @param chain the chain
     * @param step  the step
     * @return its meters
     */
    public StepMeters step(String chain, String step) {
        return steps.computeIfAbsent(chain + "\u0000" + step, k -> new StepMeters(registry, chain, step));
    }

    /**
     * Registers (or re-points, after a reload) a chain step's breaker state gauge: 0 closed, 1 open, 2 half-open,
     * -1 no breaker.
     *
     * @param chain the chain
     * @param step  the step
     * @param state the state
     */
    public void stepBreaker(String chain, String step, java.util.function.Supplier<Number> state) {
        String key = chain + "\u0000" + step;
        io.micrometer.core.instrument.Gauge old = breakerGauges.remove(key);
        if (old != null) {
            registry.remove(old);
        }
        breakerGauges.put(key, io.micrometer.core.instrument.Gauge.builder("switchboard_chain_step_breaker_state", state)
                .description("Chain step circuit breaker: 0 closed, 1 open, 2 half-open, -1 none")
                .tags("chain", chain, "step", step).strongReference(true).register(registry));
    }

    /**
     * Removes the breaker gauge of a step no longer configured (after a reload).
     *
     * @param chain the chain
     * @param step  the step
     */
    public void removeStepBreaker(String chain, String step) {
        io.micrometer.core.instrument.Gauge old = breakerGauges.remove(chain + "\u0000" + step);
        if (old != null) {
            registry.remove(old);
        }
    }

    /**
     * Counts a chain reload.
     *
     * @param outcome {@code applied} or {@code refused}
     */
    public void chainReload(String outcome) {
        counter("switchboard_chain_reloads", "Chain configuration reloads, by outcome", "outcome", outcome).increment();
    }

    /**
     * Counts a contact finishing its chain.
     *
     * @param channel the channel id
     * @param status  the resulting processing status
     */
    public void processed(String channel, String status) {
        counter("switchboard_contacts_processed", "Contacts that finished their plugin chain", "channel", channel,
                "status", status).increment();
    }
}
