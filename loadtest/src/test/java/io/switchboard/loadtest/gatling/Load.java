package io.switchboard.loadtest.gatling;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.switchboard.loadtest.traffic.Kind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/** Open-model injection profiles and the common assertions. */
public final class Load {

    private Load() {
    }

    /**
     * A ramp from (at most) one arrival per second to {@code rate}, then {@code rate} for {@code duration};
     * arrivals are randomised (Poisson-like), as independent customers' contacts are.
     *
     * @param rate     arrivals per second
     * @param rampUp   the ramp's length (zero for none)
     * @param duration the steady part's length
     * @return the injection steps
     */
    public static OpenInjectionStep[] steady(double rate, Duration rampUp, Duration duration) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        if (!rampUp.isZero()) {
            steps.add(rampUsersPerSec(Math.min(1.0, rate)).to(rate).during(rampUp).randomized());
        }
        steps.add(constantUsersPerSec(rate).during(duration).randomized());
        return steps.toArray(OpenInjectionStep[]::new);
    }

    /**
     * @param weights weights per kind
     * @param total   the total rate
     * @return each kind's share of the total rate
     */
    public static Map<Kind, Double> split(Map<Kind, Double> weights, double total) {
        double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<Kind, Double> out = new java.util.LinkedHashMap<>();
        weights.forEach((k, w) -> out.put(k, total * w / sum));
        return out;
    }

    /**
     * @param params the parameters
     * @return the run's assertions: failed requests at most {@code maxErrorPercent}, p95 under {@code p95Ms},
     * p99 under {@code p99Ms}, over every request
     */
    public static List<Assertion> standard(Params params) {
        return List.of(
                global().failedRequests().percent().lte(params.maxErrorPercent()),
                global().responseTime().percentile(95.0).lt(params.p95Ms()),
                global().responseTime().percentile(99.0).lt(params.p99Ms()));
    }

    /**
     * @param what  what the line is about
     * @param value its value
     */
    public static void describe(String what, Object value) {
        System.out.println("  " + what + ": " + value);
    }
}
