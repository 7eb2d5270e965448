package io.switchboard.gateway.delivery;

import io.switchboard.gateway.testing.Postgres;
import io.switchboard.gateway.testing.TestGateway;
import io.switchboard.gateway.testing.TestSinks;
import io.switchboard.spi.sink.Delivery;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances behind a "load balancer" share one PostgreSQL store: every contact is stored once
 * (even when the provider's retry lands on the other instance) and delivered exactly once.
 */
class TwoInstancesTest {

    private static final SinkRegistry SINKS = SinkRegistry.of(List.of(new TestSinks()));
    private String schema;

    @BeforeEach
    void setUp() {
        TestSinks.reset();
        schema = Postgres.freshSchema();
    }

    @AfterEach
    void tearDown() {
        Postgres.dropSchema(schema);
    }

    private JsonObject config() {
        return new JsonObject()
                .put("store", Postgres.storeJson(schema))
                .put("delivery", new JsonObject().put("pollInterval", "20ms").put("initialBackoff", "20ms")
                        .put("maxBackoff", "100ms").put("batchSize", 20))
                .put("sinks", new JsonObject().put("crm", new JsonObject().put("type", "test")))
                .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form").put("perClientLimit", 0).put("channelLimitPerSecond", 0)
                        .put("sinks", new JsonArray().add("crm"))));
    }

    @Test
    void everyContactShouldBeStoredAndDeliveredExactlyOnce(@TempDir Path a, @TempDir Path b) throws Exception {
        // A flaky sink makes both instances retry and compete for the same deliveries.
        TestSinks.BEHAVIOUR.put("crm", d -> ThreadLocalRandom.current().nextInt(5) == 0
                ? DeliveryResult.retry("flaky", null) : DeliveryResult.delivered(null));
        int events = 400;
        try (TestGateway one = TestGateway.start(a, config(), Map.of(), SINKS);
             TestGateway two = TestGateway.start(b, config(), Map.of(), SINKS)) {
            List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                TestGateway first = i % 2 == 0 ? one : two;
                TestGateway retry = i % 2 == 0 ? two : one;
                for (TestGateway gw : List.of(first, retry)) {
                    sent.add(gw.client().request(HttpMethod.POST, "/webhooks/web")
                            .putHeader("Content-Type", "application/json").putHeader("Idempotency-Key", "evt-" + i)
                            .sendBuffer(Buffer.buffer(new JsonObject().put("message", "n" + i).encode())));
                }
            }
            Future.all(sent).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            Map<String, String> idByKey = new HashMap<>();
            for (int i = 0; i < sent.size(); i++) {
                HttpResponse<Buffer> r = sent.get(i).result();
                assertThat(r.statusCode()).isEqualTo(202);
                String key = "evt-" + (i / 2);
                String id = r.bodyAsJsonObject().getString("id");
                String prev = idByKey.putIfAbsent(key, id);
                if (prev != null) {
                    assertThat(id).as("the retry of " + key + " returns the first contact").isEqualTo(prev);
                }
            }
            assertThat(Postgres.psql("SELECT count(*) FROM " + schema + ".contacts")).isEqualTo(String.valueOf(events));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (delivered().size() < events && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            List<Delivery> all = TestSinks.DELIVERED.getOrDefault("crm", List.of());
            assertThat(delivered()).containsExactlyInAnyOrderElementsOf(idByKey.values());
            assertThat(all).as("no contact delivered twice").hasSize(events);
            assertThat(Postgres.psql("SELECT count(*) FROM " + schema + ".outbox WHERE state = 'delivered'"))
                    .isEqualTo(String.valueOf(events));
        }
    }

    private static Set<String> delivered() {
        Set<String> ids = new HashSet<>();
        TestSinks.DELIVERED.getOrDefault("crm", List.of()).forEach(d -> ids.add(d.contact().id()));
        return ids;
    }
}
