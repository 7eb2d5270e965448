package io.switchboard.gateway.chain;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.plugin.ContactPluginFactory;

import java.time.Duration;

/**
 * One validated chain step ({@code chains.<chain>.steps[<n>]} in {@code gateway.yaml}).
 *
 * @param chain         the chain
 * @param index         its position in the chain, from 0
 * @param name          the step name, unique in the chain (default: the plugin name)
 * @param plugin        the plugin type
 * @param factory       the plugin's factory
 * @param source        where the plugin was loaded from
 * @param config        the plugin's configuration, validated against its spec
 * @param blocking      whether calls run on the blocking worker pool
 * @param onFailure     what happens to a contact when the step fails
 * @param timeLimit     the longest a call may take; past it the call fails with reason {@code timeout}
 * @param retryInterval how often a retry-later step's parked contacts are tried again while it has not recovered
 * @param rateLimit     the step's rate limit, or null for none
 * @param bulkhead      the step's concurrency limit
 * @param breaker       the step's circuit breaker, or null when disabled
 */
public record StepConfig(String chain, int index, String name, String plugin, ContactPluginFactory factory,
                         String source, ConfigValues config, boolean blocking, FailurePolicy onFailure,
                         Duration timeLimit, Duration retryInterval, RateLimit rateLimit, Bulkhead bulkhead,
                         Breaker breaker) {

    /** @return {@code <chain>.<step>}, the name of the step's breaker, limiter, bulkhead and meters */
    public String qualifiedName() {
        return chain + "." + name;
    }

    /** @return the key path of this step in the configuration file */
    public String path() {
        return "chains." + chain + ".steps[" + index + "]";
    }

    /**
     * A rate limit: {@code permits} calls per {@code period}.
     *
     * @param permits calls allowed per period
     * @param period  the refresh period
     * @param maxWait how long a call waits for a permit (on a Vert.x timer, never a parked thread); zero fails
     *                at once with reason {@code rate-limited}
     */
    public record RateLimit(int permits, Duration period, Duration maxWait) {
        /** The declared keys of {@code rateLimit:}. */
        public static final ConfigSpec SPEC = ConfigSpec.of(
                ConfigKey.integer("permits").defaultValue(0).validate(Validator.between(0, 1_000_000))
                        .doc("Calls allowed per period; `0` (the default) means no rate limit."),
                ConfigKey.duration("period").defaultValue("1s").validate(Validator.positiveDuration())
                        .doc("The period the permits refresh over."),
                ConfigKey.duration("maxWait").defaultValue("0s")
                        .doc("How long a call waits for a permit when the period's permits are used up (a timer, no "
                                + "thread waits). Past it, or with `0s`, the call fails with reason `rate-limited` "
                                + "and the step's `onFailure` applies."));

        static RateLimit from(ConfigValues v) {
            int permits = v.getInt("permits");
            return permits == 0 ? null : new RateLimit(permits, v.getDuration("period"), v.getDuration("maxWait"));
        }
    }

    /**
     * A concurrency limit.
     *
     * @param maxConcurrent calls in flight at once; more fail with reason {@code bulkhead-full}
     */
    public record Bulkhead(int maxConcurrent) {
        /** The declared keys of {@code bulkhead:}. */
        public static final ConfigSpec SPEC = ConfigSpec.of(
                ConfigKey.integer("maxConcurrent").defaultValue(256).validate(Validator.between(1, 100_000))
                        .doc("Calls of this step in flight at once; a call past it fails at once with reason "
                                + "`bulkhead-full` and the step's `onFailure` applies."));

        static Bulkhead from(ConfigValues v) {
            return new Bulkhead(v.getInt("maxConcurrent"));
        }
    }

    /**
     * A circuit breaker over a sliding window of calls (timeouts count as failures).
     *
     * @param failureRate      failure percentage that opens it
     * @param slowCallRate     slow-call percentage that opens it
     * @param slowCallDuration calls slower than this are slow
     * @param windowType       {@code count} (the last {@code window} calls) or {@code time} (the last {@code window} seconds)
     * @param window           the sliding window size
     * @param minimumCalls     calls needed before rates are evaluated
     * @param waitInOpen       how long it stays open before letting probes through
     * @param halfOpenCalls    probe calls in the half-open state
     */
    public record Breaker(int failureRate, int slowCallRate, Duration slowCallDuration, String windowType, int window,
                          int minimumCalls, Duration waitInOpen, int halfOpenCalls) {
        /** The declared keys of {@code breaker:}. */
        public static final ConfigSpec SPEC = ConfigSpec.of(
                ConfigKey.bool("enabled").defaultValue(true).doc("Whether the step has a circuit breaker."),
                ConfigKey.integer("failureRate").defaultValue(50).validate(Validator.between(1, 100))
                        .doc("Failure percentage over the window that opens the breaker (timeouts count as failures; "
                                + "rate-limited and bulkhead-refused calls never reach it)."),
                ConfigKey.integer("slowCallRate").defaultValue(100).validate(Validator.between(1, 100))
                        .doc("Slow-call percentage over the window that opens the breaker."),
                ConfigKey.duration("slowCallDuration").defaultValue("1s").validate(Validator.positiveDuration())
                        .doc("Calls slower than this count as slow (keep it below `timeLimit`)."),
                ConfigKey.oneOf("windowType", "count", "time").defaultValue("count")
                        .doc("`count`: the window is the last `window` calls; `time`: the calls of the last `window` "
                                + "seconds."),
                ConfigKey.integer("window").defaultValue(20).validate(Validator.between(1, 10_000))
                        .doc("The sliding window's size: calls (`count`) or seconds (`time`)."),
                ConfigKey.integer("minimumCalls").defaultValue(10).validate(Validator.between(1, 10_000))
                        .doc("Calls in the window before the rates are evaluated."),
                ConfigKey.duration("waitInOpen").defaultValue("30s").validate(Validator.positiveDuration())
                        .doc("How long the breaker stays open (calls fail at once with reason `circuit-open`) before "
                                + "it lets probe calls through."),
                ConfigKey.integer("halfOpenCalls").defaultValue(3).validate(Validator.between(1, 1000))
                        .doc("Probe calls let through half-open; their outcome closes or re-opens the breaker."));

        static Breaker from(ConfigValues v) {
            if (!v.getBoolean("enabled")) {
                return null;
            }
            return new Breaker(v.getInt("failureRate"), v.getInt("slowCallRate"), v.getDuration("slowCallDuration"),
                    v.getString("windowType"), v.getInt("window"), v.getInt("minimumCalls"),
                    v.getDuration("waitInOpen"), v.getInt("halfOpenCalls"));
        }
    }

    /** The declared keys of one step. */
    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("plugin").required().doc("The plugin type, as its factory names it (see the plugins "
                    + "below and `GET /api/chains`)."),
            ConfigKey.string("name").doc("The step's name, unique in its chain (default: the plugin type). Breakers, "
                    + "limiters and meters are named `<chain>.<name>`; a parked contact records it as `nextStep`."),
            ConfigKey.map("config").doc("The plugin's own configuration, validated against the plugin's declared "
                    + "keys (listed under each plugin below)."),
            ConfigKey.bool("blocking").doc("Run the plugin on the bounded blocking worker pool (for a legacy SDK or "
                    + "JDBC) instead of an event loop. Default: what the plugin's factory declares."),
            ConfigKey.oneOf("onFailure", FailurePolicy.keys()).defaultValue("skip")
                    .doc("What happens to a contact when the step fails (throws, fails its future, returns null, "
                            + "times out, or is refused by its breaker, rate limiter or bulkhead). `skip`: continue "
                            + "without it, recording the step and reason in `processing.skipped`. `retry-later`: park "
                            + "the contact durably (`processing.status: parked`, `nextStep`) and resume the chain from "
                            + "this step when it recovers. `reject`: mark the contact rejected with the step and "
                            + "reason (stored, not forwarded)."),
            ConfigKey.duration("timeLimit").defaultValue("2s").validate(Validator.positiveDuration())
                    .doc("The longest one call may take (a Vert.x timer); past it the call fails with reason "
                            + "`timeout`, which the breaker counts."),
            ConfigKey.duration("retryInterval").defaultValue("10s").validate(Validator.positiveDuration())
                    .doc("For `retry-later`: how often parked contacts are tried again while the step has not "
                            + "recovered (an open breaker defers them until it lets probes through; its closing "
                            + "resumes them at once)."),
            ConfigKey.object("rateLimit", RateLimit.SPEC).doc("Calls per period (resilience4j rate limiter)."),
            ConfigKey.object("bulkhead", Bulkhead.SPEC).doc("Concurrent calls (resilience4j bulkhead)."),
            ConfigKey.object("breaker", Breaker.SPEC).doc("The step's circuit breaker (resilience4j)."));
}
