package io.switchboard.gateway.faults;

import io.switchboard.gateway.testing.KafkaBroker;
import io.switchboard.gateway.testing.Postgres;
import io.switchboard.gateway.testing.SteadyIntake;
import io.switchboard.gateway.testing.TcpProxy;
import io.switchboard.gateway.testing.TestGateway;
import io.switchboard.gateway.testing.WireMockCrm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each sink's target goes away while contacts keep arriving through a real gateway, then comes back: intake keeps
 * acknowledging (the outbox has room), and every acknowledged contact ends in the target exactly once, checked by
 * id. Bounded in time and loopback only. The default run is short (2 s outages at 60 contacts/s); the Maven
 * profile {@code long} ({@code mvn -Plong …}) sets {@code outage.rate}, {@code outage.seconds} and
 * {@code outage.long}, which also runs a real broker stop and restart.
 */
class SinkOutageTest {

    private static final int RATE = Integer.getInteger("outage.rate", 60);
    private static final int OUTAGE_SECONDS = Integer.getInteger("outage.seconds", 2);

    @TempDir
    Path dir;

    private static JsonObject gatewayConfig(JsonObject sink) {
        return new JsonObject()
                .put("delivery", new JsonObject().put("initialBackoff", "50ms").put("maxBackoff", "500ms")
                        .put("pollInterval", "50ms").put("breakerWaitInOpen", "500ms").put("attemptTimeout", "8s")
                        .put("maxAttempts", 1000).put("batchSize", 50))
                .put("sinks", new JsonObject().put("target", sink))
                .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form")
                        .put("perClientLimit", 0).put("channelLimitPerSecond", 0)
                        .put("sinks", new JsonArray().add("target"))));
    }

    /** What one outage run saw. */
    private record Figures(String sink, int acknowledged, int refused, int delivered, int duplicates, int lost,
                           int unexpected) {
        @Override
        public String toString() {
            return "outage figures: sink=" + sink + " acknowledged=" + acknowledged + " refused=" + refused
                    + " delivered=" + delivered + " duplicates=" + duplicates + " lost=" + lost
                    + " unexpected=" + unexpected + " outageSeconds=" + OUTAGE_SECONDS + " rate=" + RATE + "/s";
        }
    }

    private Figures run(String sinkName, JsonObject sink, Runnable down, Callable<Void> up,
                        Callable<Map<String, Integer>> target) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, gatewayConfig(sink), Map.of())) {
            SteadyIntake intake = SteadyIntake.start(gw, "/webhooks/web", RATE, RATE * (OUTAGE_SECONDS + 60),
                    OUTAGE_SECONDS + 60L);
            long t0 = System.nanoTime();
            Thread.sleep(500);
            down.run();
            Thread.sleep(OUTAGE_SECONDS * 1000L);
            up.call();
            long back = System.nanoTime();
            Thread.sleep(500);
            intake.stop();
            List<String> acked = intake.acknowledged();
            Map<String, Integer> seen = Map.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                seen = target.call();
                if (seen.keySet().containsAll(acked)) {
                    break;
                }
                Thread.sleep(200);
            }
            long drained = System.nanoTime();
            Thread.sleep(300); // late duplicates, if any, would show now
            Map<String, Integer> finalSeen = target.call();
            Set<String> ackedSet = new HashSet<>(acked);
            int duplicates = finalSeen.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
            int lost = (int) ackedSet.stream().filter(id -> !finalSeen.containsKey(id)).count();
            int unexpected = (int) finalSeen.keySet().stream().filter(id -> !ackedSet.contains(id)).count();
            int delivered = (int) ackedSet.stream().filter(finalSeen::containsKey).count();
            Figures f = new Figures(sinkName, acked.size(), intake.refused() + intake.failed(), delivered, duplicates,
                    lost, unexpected);
            System.out.println(f + " slowestAnswerMs=" + intake.slowestMillis() + " backAfterMs="
                    + TimeUnit.NANOSECONDS.toMillis(back - t0) + " allDeliveredAfterMs="
                    + TimeUnit.NANOSECONDS.toMillis(drained - t0));
            assertThat(intake.refused() + intake.failed()).as("intake refused while the outbox had room").isZero();
            assertThat(acked).as("contacts acknowledged").hasSizeGreaterThan(RATE * OUTAGE_SECONDS / 2);
            assertThat(lost).as("acknowledged but never delivered").isZero();
            assertThat(duplicates).as("delivered more than once").isZero();
            assertThat(unexpected).as("delivered but never acknowledged").isZero();
            return f;
        }
    }

    @Test
    void postgresCutOffShouldEndWithEveryContactDeliveredOnce() throws Exception {
        String schema = Postgres.freshSchema();
        try (TcpProxy proxy = TcpProxy.to(Postgres.HOST, Postgres.PORT)) {
            JsonObject sink = new JsonObject().put("type", "postgres").put("host", "127.0.0.1").put("port", proxy.port())
                    .put("database", Postgres.DATABASE).put("user", Postgres.USER).put("schema", schema)
                    .put("connectTimeout", "1s");
            run("postgres", sink, proxy::cut, () -> {
                proxy.restore();
                return null;
            }, () -> {
                Map<String, Integer> out = new HashMap<>();
                for (String line : Postgres.psql("SELECT contact_id || ' ' || count(*) FROM " + schema
                        + ".contacts GROUP BY contact_id").split("\n")) {
                    if (!line.isBlank()) {
                        String[] p = line.split(" ");
                        out.put(p[0], Integer.parseInt(p[1]));
                    }
                }
                return out;
            });
            // The sink's own bookkeeping agrees: one customer row per contact counted once.
            assertThat(Postgres.psql("SELECT count(*) FROM " + schema + ".contacts"))
                    .isEqualTo(Postgres.psql("SELECT coalesce(sum(contact_count), 0) FROM " + schema
                            + ".identities WHERE kind = 'email'"));
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    @Test
    void kafkaBrokerCutOffShouldEndWithEveryContactDeliveredOnce() throws Exception {
        // Every connection to the broker dropped mid-flight (acknowledgements lost), new ones refused.
        KafkaBroker broker = KafkaBroker.shared();
        String topic = KafkaBroker.freshTopic();
        broker.createTopic(topic, 3);
        JsonObject sink = new JsonObject().put("type", "kafka").put("bootstrapServers", broker.proxiedBootstrap())
                .put("topic", topic).put("deliveryTimeout", "3s");
        run("kafka-cut", sink, broker.proxy()::cut, () -> {
            broker.proxy().restore();
            return null;
        }, () -> broker.countByContactId(topic));
    }

    @Test
    @EnabledIfSystemProperty(named = "outage.long", matches = "true")
    void kafkaBrokerStoppedAndRestartedShouldEndWithEveryContactDeliveredOnce() throws Exception {
        // The broker process killed (SIGKILL) and started again on its data: seconds to restart, so -Plong only.
        KafkaBroker broker = KafkaBroker.shared();
        String topic = KafkaBroker.freshTopic();
        broker.createTopic(topic, 3);
        JsonObject sink = new JsonObject().put("type", "kafka").put("bootstrapServers", broker.bootstrap())
                .put("topic", topic).put("deliveryTimeout", "3s");
        run("kafka-stopped", sink, () -> {
            try {
                broker.stop();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, () -> {
            broker.start();
            return null;
        }, () -> broker.countByContactId(topic));
    }

    @Test
    void crmAnswering503ShouldEndWithEveryContactDeliveredOnce() throws Exception {
        try (WireMockCrm crm = WireMockCrm.start()) {
            crm.server().stubFor(post(urlEqualTo("/api/v2/tickets.json")).willReturn(aResponse().withStatus(201)
                    .withBody("{\"ticket\":{\"id\":1}}")));
            JsonObject sink = new JsonObject().put("type", "http").put("preset", "zendesk-ticket").put("url", crm.url())
                    .put("timeout", "2s");
            run("http", sink, crm::down, () -> {
                crm.up();
                return null;
            }, () -> crm.records(e -> WireMockCrm.body(e).getJsonObject("ticket").getString("external_id"),
                    e -> e.getRequest().getHeader("Idempotency-Key")));
        }
    }
}
