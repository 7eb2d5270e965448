package io.switchboard.gateway.config;

import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;

import java.time.Duration;
import java.util.List;

/**
 * How processed contacts are forwarded to sinks ({@code delivery:} in {@code gateway.yaml}).
 *
 * @param defaultSinks          sinks for channels that do not list their own
 * @param batchSize             most deliveries handed to a sink at once
 * @param maxAttempts           attempts before a delivery becomes a dead letter
 * @param maxAge                age after which an undelivered delivery becomes a dead letter
 * @param initialBackoff        delay before the second attempt
 * @param maxBackoff            longest delay between attempts
 * @param attemptTimeout        longest a batch may take before it counts as failed (retried)
 * @param pollInterval          how often idle sink workers look for due deliveries
 * @param maxOutboxDepth        pending deliveries past which intake answers 503
 * @param breakerFailureRate    failure percentage that opens a sink's breaker
 * @param breakerMinimumCalls   calls before the failure rate is evaluated
 * @param breakerWindow         calls in the breaker's sliding window
 * @param breakerWaitInOpen     how long an open breaker waits before probing
 */
public record DeliveryConfig(List<String> defaultSinks, int batchSize, int maxAttempts, Duration maxAge,
                             Duration initialBackoff, Duration maxBackoff, Duration attemptTimeout,
                             Duration pollInterval, long maxOutboxDepth, int breakerFailureRate,
                             int breakerMinimumCalls, int breakerWindow, Duration breakerWaitInOpen) {

    /** The declared keys of {@code delivery:}. */
    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.list("defaultSinks").doc("Sinks (names under `sinks:`) that channels without their own "
                    + "`sinks:` list forward to. Empty: contacts stay in the gateway's own store only."),
            ConfigKey.integer("batchSize").defaultValue(100).validate(Validator.between(1, 10_000))
                    .doc("Most deliveries handed to a sink in one call."),
            ConfigKey.integer("maxAttempts").defaultValue(12).validate(Validator.between(1, 1000))
                    .doc("Attempts before a delivery becomes a dead letter."),
            ConfigKey.duration("maxAge").defaultValue("24h").validate(Validator.positiveDuration())
                    .doc("A delivery still failing this long after its contact was processed becomes a dead letter."),
            ConfigKey.duration("initialBackoff").defaultValue("1s").validate(Validator.positiveDuration())
                    .doc("Delay before the second attempt; doubles per attempt, with full jitter."),
            ConfigKey.duration("maxBackoff").defaultValue("10m").validate(Validator.positiveDuration())
                    .doc("Longest delay between attempts (a sink's Retry-After may ask for longer)."),
            ConfigKey.duration("attemptTimeout").defaultValue("30s").validate(Validator.positiveDuration())
                    .doc("A batch not answered within this time is retried (and counts as a breaker failure)."),
            ConfigKey.duration("pollInterval").defaultValue("250ms").validate(Validator.positiveDuration())
                    .doc("How often an idle sink worker looks for due deliveries (new work wakes it at once)."),
            ConfigKey.longValue("maxOutboxDepth").defaultValue(100_000).validate(Validator.atLeast(1))
                    .doc("Pending deliveries past which intake answers 503 with Retry-After and readiness is DOWN."),
            ConfigKey.integer("breakerFailureRate").defaultValue(50).validate(Validator.between(1, 100))
                    .doc("Failure percentage (over the window) that opens a sink's circuit breaker."),
            ConfigKey.integer("breakerMinimumCalls").defaultValue(5).validate(Validator.between(1, 10_000))
                    .doc("Calls a sink's breaker needs before it evaluates the failure rate."),
            ConfigKey.integer("breakerWindow").defaultValue(20).validate(Validator.between(1, 10_000))
                    .doc("Calls in a sink breaker's sliding window."),
            ConfigKey.duration("breakerWaitInOpen").defaultValue("10s").validate(Validator.positiveDuration())
                    .doc("How long an open sink breaker waits before letting a probe batch through."));

    /**
     * @param v values validated against {@link #SPEC}
     * @return the record
     */
    public static DeliveryConfig from(ConfigValues v) {
        return new DeliveryConfig(v.getList("defaultSinks"), v.getInt("batchSize"), v.getInt("maxAttempts"),
                v.getDuration("maxAge"), v.getDuration("initialBackoff"), v.getDuration("maxBackoff"),
                v.getDuration("attemptTimeout"), v.getDuration("pollInterval"), v.getLong("maxOutboxDepth"),
                v.getInt("breakerFailureRate"), v.getInt("breakerMinimumCalls"), v.getInt("breakerWindow"),
                v.getDuration("breakerWaitInOpen"));
    }
}
