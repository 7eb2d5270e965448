package io.switchboard.loadtest.simulations;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.switchboard.loadtest.gatling.Load;
import io.switchboard.loadtest.gatling.Params;
import io.switchboard.loadtest.gatling.Requests;
import io.switchboard.loadtest.traffic.Ids;
import io.switchboard.loadtest.traffic.Kind;
import io.switchboard.loadtest.traffic.Traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A steady open-model load of several kinds of provider traffic, each kind its own scenario at its share of
 * {@code rate} (the weights in {@code ratios}), with the standard assertions. The channel-family simulations
 * and the mixed-traffic simulation are this with different default weights.
 */
abstract class TrafficSimulation extends Simulation {

    protected final Params params = Params.fromSystem();
    protected final Traffic traffic = new Traffic(params.traffic(), new Ids());

    /**
     * @param title          what the simulation is, for the console
     * @param defaultRatios  the default weights, e.g. {@code sms=60,voice=40}
     * @param defaultRate    the default total rate per second
     */
    TrafficSimulation(String title, String defaultRatios, double defaultRate) {
        Map<Kind, Double> rates = Load.split(params.ratios("ratios", defaultRatios), params.rate(defaultRate));
        List<PopulationBuilder> populations = new ArrayList<>();
        rates.forEach((kind, rate) -> populations.add(scenario(kind.id())
                .exec(Requests.one(traffic, kind))
                .injectOpen(Load.steady(rate, params.rampUp(), params.duration()))));
        System.out.println(title + " against " + params.baseUrl());
        Load.describe("requests per second", rates);
        Load.describe("ramp-up, duration", params.rampUp() + ", " + params.duration());
        Load.describe("assertions", "failed <= " + params.maxErrorPercent() + "%, p95 < " + params.p95Ms()
                + " ms, p99 < " + params.p99Ms() + " ms");
        Load.describe("run id (in every generated event id)", traffic.ids().run());
        setUp(populations).protocols(Requests.protocol(params)).assertions(Load.standard(params));
    }
}
