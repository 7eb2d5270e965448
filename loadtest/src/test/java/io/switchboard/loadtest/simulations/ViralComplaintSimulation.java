package io.switchboard.loadtest.simulations;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.switchboard.loadtest.gatling.Load;
import io.switchboard.loadtest.gatling.Params;
import io.switchboard.loadtest.gatling.Requests;
import io.switchboard.loadtest.traffic.Ids;
import io.switchboard.loadtest.traffic.Kind;
import io.switchboard.loadtest.traffic.Traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A viral complaint: steady private traffic (calls, messages, DMs, forms at {@code rate}) while a storm of
 * public mentions and comments ({@code stormRatios}, default {@code x-mention=60,fb-comment=40}) ramps up to
 * {@code stormRate} (default ten times {@code rate}) and holds for {@code stormDuration}. Private requests
 * sent while the storm is at full strength are grouped as {@value #DURING}, the others as {@value #CALM}; the
 * run fails unless the private ones during the storm still meet {@code p95Ms}/{@code p99Ms} and
 * {@code maxErrorPercent}: the public storm must not crowd out customers writing privately.
 *
 * <p>Timeline, from the start: private ramp-up ({@code rampUp}), then steady private load for {@code duration};
 * the storm starts {@code stormStart} into the steady part (default a quarter of it), ramps for
 * {@code stormRamp} (default 5s) and holds for {@code stormDuration} (default half of {@code duration}).
 */
public final class ViralComplaintSimulation extends Simulation {

    /** The group of private requests sent while the storm holds. */
    public static final String DURING = "private during storm";
    /** The group of the other private requests. */
    public static final String CALM = "private outside storm";

    private final Params params = Params.fromSystem();
    private final Traffic traffic = new Traffic(params.traffic(), new Ids());
    private final long stormFromMs;
    private final long stormToMs;
    private volatile long startNanos = System.nanoTime();

    /** Builds the simulation from the parameters. */
    public ViralComplaintSimulation() {
        double rate = params.rate(20);
        Duration rampUp = params.rampUp();
        Duration duration = params.duration();
        Map<Kind, Double> privateRates = Load.split(params.ratios("privateRatios",
                "voice=35,sms=25,whatsapp=15,messenger=7,form=8,x-dm=4"), rate);
        double stormRate = params.number("stormRate", rate * 10, 0.01);
        Duration stormStart = params.duration("stormStart", duration.dividedBy(4).toMillis() + "ms");
        Duration stormRamp = params.duration("stormRamp", "5s");
        Duration stormDuration = params.duration("stormDuration", duration.dividedBy(2).toMillis() + "ms");
        Map<Kind, Double> stormRates = Load.split(params.ratios("stormRatios", "x-mention=60,fb-comment=40"), stormRate);
        for (Kind k : privateRates.keySet()) {
            if (!k.isPrivate()) {
                throw new IllegalArgumentException("privateRatios: " + k.id() + " is public traffic");
            }
        }
        for (Kind k : stormRates.keySet()) {
            if (k.isPrivate() || !k.storesContacts()) {
                throw new IllegalArgumentException("stormRatios: " + k.id() + " is not a public post");
            }
        }
        if (stormStart.plus(stormRamp).plus(stormDuration).compareTo(duration) > 0) {
            throw new IllegalArgumentException("stormStart + stormRamp + stormDuration (" + stormStart.plus(stormRamp)
                    .plus(stormDuration) + ") must fit in duration (" + duration + ")");
        }
        Duration holdFrom = rampUp.plus(stormStart).plus(stormRamp);
        stormFromMs = holdFrom.toMillis();
        stormToMs = holdFrom.plus(stormDuration).toMillis();

        List<PopulationBuilder> populations = new ArrayList<>();
        privateRates.forEach((kind, r) -> populations.add(scenario("private " + kind.id())
                .exec(privateRequest(kind))
                .injectOpen(Load.steady(r, rampUp, duration))));
        stormRates.forEach((kind, r) -> populations.add(scenario("storm " + kind.id())
                .exec(Requests.one(traffic, kind))
                .injectOpen(storm(r, rate, rampUp.plus(stormStart), stormRamp, stormDuration))));

        List<Assertion> assertions = new ArrayList<>(Load.standard(params));
        assertions.add(details(DURING).failedRequests().percent().lte(params.maxErrorPercent()));
        assertions.add(details(DURING).responseTime().percentile(95.0).lt(params.p95Ms()));
        assertions.add(details(DURING).responseTime().percentile(99.0).lt(params.p99Ms()));
        assertions.add(details(DURING).allRequests().count().gt(0L));

        System.out.println("Viral complaint against " + params.baseUrl());
        Load.describe("private requests per second", privateRates);
        Load.describe("storm requests per second at full strength", stormRates);
        Load.describe("storm holds", "from " + stormFromMs + " ms to " + stormToMs + " ms after the start");
        Load.describe("assertions on '" + DURING + "'", "failed <= " + params.maxErrorPercent() + "%, p95 < "
                + params.p95Ms() + " ms, p99 < " + params.p99Ms() + " ms");
        Load.describe("run id (in every generated event id)", traffic.ids().run());
        setUp(populations).protocols(Requests.protocol(params)).assertions(assertions);
    }

    @Override
    public void before() {
        startNanos = System.nanoTime();
    }

    private boolean inStorm() {
        long t = (System.nanoTime() - startNanos) / 1_000_000;
        return t >= stormFromMs && t < stormToMs;
    }

    private ChainBuilder privateRequest(Kind kind) {
        return Requests.fresh(traffic, kind)
                .doIfOrElse(s -> inStorm())
                .then(group(DURING).on(exec(Requests.send(kind.id(), kind))))
                .orElse(group(CALM).on(exec(Requests.send(kind.id(), kind))));
    }

    private static OpenInjectionStep[] storm(double peak, double base, Duration delay, Duration ramp, Duration hold) {
        double from = Math.min(peak, Math.max(0.1, base / 10));
        List<OpenInjectionStep> steps = new ArrayList<>();
        steps.add(nothingFor(delay));
        if (!ramp.isZero()) {
            steps.add(rampUsersPerSec(from).to(peak).during(ramp));
        }
        steps.add(constantUsersPerSec(peak).during(hold).randomized());
        return steps.toArray(OpenInjectionStep[]::new);
    }
}
