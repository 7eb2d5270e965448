package io.switchboard.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one chain step ({@code chain} and {@code step} labels): calls by outcome, failures by reason,
 * skipped, parked, rate-limited, and the latency of calls that reached the plugin. Cumulative across reloads
 * (the same step name keeps its meters). Thread-safe.
 */
public final class StepMeters {

    /** Failure reasons used as label values (a plugin's own exception class is folded into {@code error}). */
    public static final List<String> REASONS = List.of("timeout", "error", "null-result", "invalid-result",
            "circuit-open", "rate-limited", "bulkhead-full", "worker-pool-full");

    private final Counter proceeded;
    private final Counter rejected;
    private final Counter failed;
    private final Counter skipped;
    private final Counter parked;
    private final Counter rejectedByPolicy;
    private final Counter rateLimited;
    private final Counter resumed;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Timer latency;

    StepMeters(MeterRegistry registry, String chain, String step) {
        String[] tags = {"chain", chain, "step", step};
        proceeded = calls(registry, tags, "proceeded");
        rejected = calls(registry, tags, "rejected");
        failed = calls(registry, tags, "failed");
        skipped = Counter.builder("switchboard_chain_step_skipped").description("Contacts that continued without "
                + "the step after it failed (onFailure: skip)").tags(tags).register(registry);
        parked = Counter.builder("switchboard_chain_step_parked").description("Contacts parked at the step after "
                + "it failed (onFailure: retry-later)").tags(tags).register(registry);
        rejectedByPolicy = Counter.builder("switchboard_chain_step_failure_rejections").description("Contacts "
                + "rejected because the step failed (onFailure: reject)").tags(tags).register(registry);
        rateLimited = Counter.builder("switchboard_chain_step_rate_limited").description("Calls refused by the "
                + "step's rate limiter").tags(tags).register(registry);
        resumed = Counter.builder("switchboard_chain_step_resumed").description("Parked contacts resumed at the "
                + "step").tags(tags).register(registry);
        for (String r : REASONS) {
            failures.put(r, Counter.builder("switchboard_chain_step_failures").description("Failed step calls, by "
                    + "reason").tags(tags).tag("reason", r).register(registry));
        }
        latency = Timer.builder("switchboard_chain_step_latency").description("Latency of step calls that reached "
                        + "the plugin (time limit included, rate-limit waits excluded)").tags(tags)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }

    private static Counter calls(MeterRegistry registry, String[] tags, String outcome) {
        return Counter.builder("switchboard_chain_step_calls").description("Step calls, by outcome").tags(tags)
                .tag("outcome", outcome).register(registry);
    }

    /** Counts a call that proceeded. */
    public void proceeded() {
        proceeded.increment();
    }

    /** Counts a call whose plugin rejected the contact. */
    public void rejected() {
        rejected.increment();
    }

    /**
     * Counts a failed call.
     *
     * @param reason the failure reason ({@code error:<Exception>} is counted as {@code error})
     */
    public void failed(String reason) {
        failed.increment();
        Counter c = failures.get(reason.startsWith("error") ? "error" : reason);
        if (c != null) {
            c.increment();
        }
        if ("rate-limited".equals(reason)) {
            rateLimited.increment();
        }
    }

    /** Counts a contact that skipped the step. */
    public void skipped() {
        skipped.increment();
    }

    /** Counts a contact parked at the step. */
    public void parked() {
        parked.increment();
    }

    /** Counts a contact rejected by the step's failure policy. */
    public void rejectedByPolicy() {
        rejectedByPolicy.increment();
    }

    /** Counts a parked contact resumed. */
    public void resumed() {
        resumed.increment();
    }

    /** @param nanos the latency of a call that reached the plugin */
    public void latency(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @return the counters, for {@code GET /api/chains} */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        long calls = (long) (proceeded.count() + rejected.count() + failed.count());
        m.put("calls", calls);
        m.put("proceeded", (long) proceeded.count());
        m.put("rejected", (long) rejected.count());
        m.put("failures", (long) failed.count());
        Map<String, Long> byReason = new java.util.LinkedHashMap<>();
        failures.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> byReason.put(e.getKey(), (long) e.getValue().count()));
        m.put("failuresByReason", byReason);
        m.put("skipped", (long) skipped.count());
        m.put("parked", (long) parked.count());
        m.put("rejectedOnFailure", (long) rejectedByPolicy.count());
        m.put("rateLimited", (long) rateLimited.count());
        m.put("resumed", (long) resumed.count());
        Map<String, Object> lat = new java.util.LinkedHashMap<>();
        lat.put("count", latency.count());
        lat.put("meanMs", latency.count() == 0 ? 0.0 : latency.mean(TimeUnit.NANOSECONDS) / 1e6);
        lat.put("maxMs", latency.max(TimeUnit.NANOSECONDS) / 1e6);
        m.put("latency", lat);
        return m;
    }
}
