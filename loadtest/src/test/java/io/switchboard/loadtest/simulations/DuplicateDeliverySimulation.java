package io.switchboard.loadtest.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.switchboard.loadtest.gatling.Deliveries;
import io.switchboard.loadtest.gatling.Load;
import io.switchboard.loadtest.gatling.Params;
import io.switchboard.loadtest.gatling.Requests;
import io.switchboard.loadtest.traffic.Ids;
import io.switchboard.loadtest.traffic.Kind;
import io.switchboard.loadtest.traffic.SignedRequest;
import io.switchboard.loadtest.traffic.Traffic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Providers retry: a share ({@code duplicateShare}, default 0.3) of the requests are retries, byte-for-byte
 * resends of one of the recent first deliveries of the same kind (same body, same signature), as a provider
 * resends after a timeout or a lost answer. Every retry must get the answer a first delivery gets.
 *
 * <p>After the load, a verification step asks the read API ({@code GET /api/contacts?providerEventId=…&channel=…}
 * on {@code adminUrl}) about every provider event id sent, with {@code verifyConcurrency} (default 4) requests
 * at a time: each must be stored exactly once ({@code count == 1}). Any other answer fails the run.
 */
public final class DuplicateDeliverySimulation extends Simulation {

    /** The name of the verification requests in the report. */
    public static final String VERIFY = "verify stored once";

    private final Params params = Params.fromSystem();
    private final Traffic traffic = new Traffic(params.traffic(), new Ids());
    private final Deliveries deliveries = new Deliveries();
    private final double share;

    /** Builds the simulation from the parameters. */
    public DuplicateDeliverySimulation() {
        double rate = params.rate(20);
        share = params.number("duplicateShare", 0.3, 0);
        if (share >= 1) {
            throw new IllegalArgumentException("duplicateShare must be below 1, but was " + share);
        }
        Map<Kind, Double> weights = params.ratios("ratios", "sms=25,voice=15,whatsapp=20,messenger=15,x-dm=10,form=15");
        weights.keySet().forEach(k -> {
            if (!k.storesContacts()) {
                throw new IllegalArgumentException("ratios: " + k.id() + " stores nothing to check");
            }
        });
        int verifiers = (int) params.number("verifyConcurrency", 4, 1);
        String adminUrl = params.adminUrl();
        String token = params.adminToken();

        double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Choice.WithWeight> choices = new ArrayList<>();
        double given = 0;
        List<Map.Entry<Kind, Double>> entries = new ArrayList<>(weights.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            // Gatling wants the percentages to add up to at most 100: give the last kind what is left.
            double p = i == entries.size() - 1 ? 100.0 - given : Math.floor(10_000 * entries.get(i).getValue() / sum) / 100;
            given += p;
            choices.add(percent(Math.max(0, p)).then(delivery(entries.get(i).getKey())));
        }

        HttpRequestActionBuilder check = http(VERIFY).get(s -> {
                    Deliveries.EventRef ref = s.get("check");
                    return adminUrl + "/api/contacts?providerEventId=" + enc(ref.eventId()) + "&channel=" + enc(ref.channel());
                })
                .check(status().is(200), jsonPath("$.count").ofInt().is(1));
        if (token != null) {
            check = check.header("Authorization", "Bearer " + token);
        }
        ChainBuilder verify = exec(s -> {
            deliveries.startVerification();
            return s;
        }).asLongAs(s -> deliveries.hasPending()).on(
                exec(s -> {
                    Deliveries.EventRef ref = deliveries.nextPending();
                    return ref == null ? s.remove("check") : s.set("check", ref);
                }).doIf(s -> s.contains("check")).then(exec(check)));

        System.out.println("Duplicate deliveries against " + params.baseUrl() + ", verified through " + adminUrl);
        Load.describe("requests per second", Load.split(weights, rate));
        Load.describe("share of retries", share);
        Load.describe("ramp-up, duration", params.rampUp() + ", " + params.duration());
        Load.describe("run id (in every generated event id)", traffic.ids().run());
        setUp(scenario("deliveries").exec(randomSwitch().on(choices))
                .injectOpen(Load.steady(rate, params.rampUp(), params.duration()))
                .andThen(scenario("verification").exec(verify).injectOpen(atOnceUsers(verifiers))))
                .protocols(Requests.protocol(params))
                .assertions(global().failedRequests().percent().lte(params.maxErrorPercent()),
                        details(VERIFY).failedRequests().count().is(0L),
                        details(VERIFY).allRequests().count().gt(0L),
                        global().responseTime().percentile(95.0).lt(params.p95Ms()),
                        global().responseTime().percentile(99.0).lt(params.p99Ms()));
    }

    private ChainBuilder delivery(Kind kind) {
        return exec(s -> {
            SignedRequest retry = ThreadLocalRandom.current().nextDouble() < share ? deliveries.retryOf(kind) : null;
            if (retry != null) {
                return s.set(Requests.REQUEST, retry).set("retry", true);
            }
            SignedRequest first = traffic.next(kind);
            deliveries.record(first);
            return s.set(Requests.REQUEST, first).set("retry", false);
        }).doIfOrElse(s -> s.getBoolean("retry"))
                .then(exec(Requests.send(kind.id() + " retry", kind)))
                .orElse(exec(Requests.send(kind.id(), kind)));
    }

    @Override
    public void after() {
        long checked = deliveries.checkedCount();
        System.out.println("Duplicate deliveries: " + deliveries.eventCount() + " provider event ids sent, "
                + deliveries.retryCount() + " retries, " + checked + " checked through the read API");
        if (checked != deliveries.eventCount()) {
            throw new IllegalStateException("only " + checked + " of " + deliveries.eventCount()
                    + " event ids were checked");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
