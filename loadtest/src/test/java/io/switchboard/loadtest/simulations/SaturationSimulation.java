package io.switchboard.loadtest.simulations;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.switchboard.loadtest.gatling.Load;
import io.switchboard.loadtest.gatling.Params;
import io.switchboard.loadtest.gatling.Requests;
import io.switchboard.loadtest.traffic.Ids;
import io.switchboard.loadtest.traffic.Kind;
import io.switchboard.loadtest.traffic.SignedRequest;
import io.switchboard.loadtest.traffic.Traffic;

import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * For {@code bench.sh --compare-generators}: Gatling as a saturating load generator, closed model, so it can be
 * compared with wrk on the same server. {@code connections} virtual users (default 64), each on its own
 * keep-alive connection, send back to back for {@code duration}, replaying a pool of pre-signed {@code kind}
 * requests (default {@code sms}) built before the run, so that Gatling spends no CPU on signing either. Any
 * 2xx counts as success; throughput is the report's mean requests per second.
 */
public final class SaturationSimulation extends Simulation {

    /** Builds the simulation from the parameters. */
    public SaturationSimulation() {
        Params params = Params.fromSystem();
        int connections = (int) params.number("connections", 64, 1);
        Kind kind = Kind.of(params.param("kind", "sms"));
        Traffic traffic = new Traffic(params.traffic(), new Ids());
        SignedRequest[] pool = new SignedRequest[20_000];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = traffic.next(kind);
        }
        AtomicLong next = new AtomicLong();
        HttpRequestActionBuilder send = http(kind.id()).post(s -> Requests.request(s).target());
        for (String h : kind.headerNames()) {
            send = send.header(h, s -> Requests.request(s).header(h));
        }
        send = send.body(ByteArrayBody(s -> Requests.request(s).body())).check(status().in(200, 202));
        Load.describe("saturation", connections + " connections, " + params.duration() + ", " + kind.id());
        setUp(scenario("saturation").during(params.duration()).on(
                        exec(s -> s.set(Requests.REQUEST, pool[(int) (next.getAndIncrement() % pool.length)])).exec(send))
                .injectOpen(atOnceUsers(connections)))
                .protocols(http.baseUrl(params.baseUrl()).disableWarmUp().disableCaching());
    }
}
