package io.switchboard.gateway.delivery;

import io.switchboard.gateway.testing.TestGateway;
import io.switchboard.gateway.testing.TestSinks;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox and delivery runtime through a real gateway with controllable sinks. */
class DeliveryTest {

    private static final SinkRegistry SINKS = SinkRegistry.of(List.of(new TestSinks()));

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        TestSinks.reset();
    }

    private static JsonObject config(JsonObject delivery, String... sinkNames) {
        JsonObject sinks = new JsonObject();
        for (String s : sinkNames) {
            sinks.put(s, new JsonObject().put("type", "test"));
        }
        return new JsonObject()
                .put("delivery", delivery.copy().put("initialBackoff", delivery.getString("initialBackoff", "20ms"))
                        .put("maxBackoff", delivery.getString("maxBackoff", "100ms"))
                        .put("pollInterval", delivery.getString("pollInterval", "20ms")))
                .put("sinks", sinks)
                .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form").put("perClientLimit", 0)
                        .put("sinks", new JsonArray(List.of(sinkNames)))));
    }

    private static TestGateway start(Path dir, JsonObject cfg) throws Exception {
        return TestGateway.start(dir, cfg, Map.of(), SINKS);
    }

    private static String post(TestGateway gw, String text) throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/web", "application/json", new JsonObject().put("message", text).encode());
        assertThat(r.statusCode()).isEqualTo(202);
        return r.bodyAsJsonObject().getString("id");
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static JsonObject deliveryOf(TestGateway gw, String contactId, String sink) throws Exception {
        for (Object o : gw.get("/api/contacts/" + contactId).bodyAsJsonObject().getJsonArray("deliveries")) {
            JsonObject d = (JsonObject) o;
            if (d.getString("sink").equals(sink)) {
                return d;
            }
        }
        return null;
    }

    private static int delivered(String sink) {
        return TestSinks.DELIVERED.getOrDefault(sink, List.of()).size();
    }

    @Test
    void processedContactShouldBeDeliveredOncePerSink() throws Exception {
        try (TestGateway gw = start(dir, config(new JsonObject(), "crm", "events"))) {
            String id = post(gw, "hello");
            await("both sinks", () -> delivered("crm") == 1 && delivered("events") == 1);
            assertThat(TestSinks.DELIVERED.get("crm").get(0).contact().id()).isEqualTo(id);
            assertThat(TestSinks.DELIVERED.get("crm").get(0).idempotencyKey()).isEqualTo(id);
            await("state recorded", () -> {
                try {
                    JsonObject d = deliveryOf(gw, id, "crm");
                    return d != null && d.getString("state").equals("delivered");
                } catch (Exception e) {
                    return false;
                }
            });
            JsonObject d = deliveryOf(gw, id, "crm");
            assertThat(d.getInteger("attempts")).isEqualTo(1);
            assertThat(d.getString("externalRef")).startsWith("ext-");
            assertThat(gw.get("/api/contacts/" + id + "/deliveries").bodyAsJsonObject().getInteger("count")).isEqualTo(2);
        }
    }

    @Test
    void channelWithoutSinksShouldKeepContactsInTheStoreOnly() throws Exception {
        JsonObject cfg = config(new JsonObject(), "crm");
        cfg.getJsonObject("channels").getJsonObject("web").put("sinks", new JsonArray());
        try (TestGateway gw = start(dir, cfg)) {
            String id = post(gw, "kept");
            gw.awaitProcessed(id);
            Thread.sleep(200);
            assertThat(gw.get("/api/contacts/" + id).bodyAsJsonObject().getJsonArray("deliveries")).isEmpty();
            assertThat(delivered("crm")).isZero();
        }
    }

    @Test
    void contactOfAChannelWithoutChainStepsShouldBeStoredProcessedInOneWrite() throws Exception {
        // No chain configured: nothing to run after the accept, so the accept itself stores the contact processed
        // (one write per request, no second write to mark it processed) and its deliveries come with it.
        JsonObject cfg = config(new JsonObject(), "crm");
        try (TestGateway gw = start(dir, cfg)) {
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(post(gw, "one write " + i));
            }
            for (String id : ids) {
                JsonObject c = gw.get("/api/contacts/" + id).bodyAsJsonObject();
                assertThat(c.getJsonObject("processing").getString("status")).as("processed as soon as acknowledged")
                        .isEqualTo("processed");
            }
            // Deliveries write too (claims, outcomes): wait for them, then count only what the intake wrote.
            await("delivered", () -> delivered("crm") == 5);
            assertThat(TestSinks.DELIVERED.get("crm")).extracting(d -> d.contact().id())
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(gw.metrics()).contains("switchboard_contacts_processed_total{channel=\"web\",status=\"processed\"} 5.0");
        }
        JsonObject noSinks = config(new JsonObject());
        java.nio.file.Files.createDirectories(dir.resolve("no-sinks"));
        try (TestGateway gw = start(dir.resolve("no-sinks"), noSinks)) {
            double before = committedWrites(gw);
            for (int i = 0; i < 5; i++) {
                post(gw, "one write " + i);
            }
            assertThat(committedWrites(gw) - before).as("one store write per accepted request").isEqualTo(5.0);
        }
    }

    private static double committedWrites(TestGateway gw) throws Exception {
        for (String line : gw.metrics().split("\n")) {
            if (line.startsWith("switchboard_store_committed_writes_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new AssertionError("no switchboard_store_committed_writes_total in /metrics");
    }

    @Test
    void transientFailuresShouldBeRetriedUntilDelivered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TestSinks.BEHAVIOUR.put("crm", d -> calls.incrementAndGet() <= 2
                ? DeliveryResult.retry("http 503", null) : DeliveryResult.delivered("T-1"));
        try (TestGateway gw = start(dir, config(new JsonObject(), "crm"))) {
            String id = post(gw, "retry me");
            await("delivered after retries", () -> delivered("crm") == 1);
            await("recorded", () -> {
                try {
                    return "delivered".equals(deliveryOf(gw, id, "crm").getString("state"));
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(deliveryOf(gw, id, "crm").getInteger("attempts")).isEqualTo(3);
            assertThat(TestSinks.ATTEMPTS.get("crm")).extracting(d -> d.attempt()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void permanentFailureShouldBecomeADeadLetterAtOnceAndReplay() throws Exception {
        TestSinks.BEHAVIOUR.put("crm", d -> DeliveryResult.failed("http 422"));
        try (TestGateway gw = start(dir, config(new JsonObject(), "crm"))) {
            String id = post(gw, "bad record");
            await("dead letter", () -> {
                try {
                    return gw.get("/api/deadletters?sink=crm").bodyAsJsonObject().getInteger("count") == 1;
                } catch (Exception e) {
                    return false;
                }
            });
            JsonObject dead = gw.get("/api/deadletters").bodyAsJsonObject().getJsonArray("deliveries").getJsonObject(0);
            assertThat(dead.getString("contactId")).isEqualTo(id);
            assertThat(dead.getString("lastError")).isEqualTo("permanent: http 422");
            assertThat(dead.getInteger("attempts")).isEqualTo(1);
            TestSinks.BEHAVIOUR.remove("crm");
            HttpResponse<Buffer> replay = gw.send(io.vertx.core.http.HttpMethod.POST,
                    "/api/deadletters/" + dead.getString("id") + "/replay", Map.of(), null);
            assertThat(replay.bodyAsJsonObject().getInteger("replayed")).isEqualTo(1);
            await("delivered after replay", () -> delivered("crm") == 1);
            assertThat(gw.send(io.vertx.core.http.HttpMethod.POST, "/api/deadletters/" + dead.getString("id") + "/replay",
                    Map.of(), null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void exhaustedAttemptsShouldDeadLetterAndBulkReplayBySink() throws Exception {
        TestSinks.BEHAVIOUR.put("crm", d -> DeliveryResult.retry("http 500", null));
        try (TestGateway gw = start(dir, config(new JsonObject().put("maxAttempts", 3), "crm"))) {
            post(gw, "a");
            post(gw, "b");
            await("two dead letters", () -> {
                try {
                    return gw.get("/api/deadletters?sink=crm").bodyAsJsonObject().getInteger("count") == 2;
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(gw.get("/api/deadletters").bodyAsJsonObject().getJsonArray("deliveries").getJsonObject(0)
                    .getString("lastError")).isEqualTo("gave up after 3 attempts: http 500");
            TestSinks.BEHAVIOUR.remove("crm");
            HttpResponse<Buffer> bulk = gw.send(io.vertx.core.http.HttpMethod.POST,
                    "/api/deadletters/replay?sink=crm&from=2000-01-01T00:00:00Z", Map.of(), null);
            assertThat(bulk.bodyAsJsonObject().getInteger("replayed")).isEqualTo(2);
            await("both delivered", () -> delivered("crm") == 2);
            assertThat(gw.send(io.vertx.core.http.HttpMethod.POST, "/api/deadletters/replay?sink=nope", Map.of(), null)
                    .statusCode()).isEqualTo(404);
        }
    }

    @Test
    void retryAfterShouldBeHonoured() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TestSinks.BEHAVIOUR.put("crm", d -> calls.incrementAndGet() == 1
                ? DeliveryResult.retry("http 429", Duration.ofMillis(800)) : DeliveryResult.delivered(null));
        try (TestGateway gw = start(dir, config(new JsonObject(), "crm"))) {
            post(gw, "slow down");
            await("first attempt", () -> calls.get() == 1);
            long first = System.nanoTime();
            await("second attempt", () -> calls.get() == 2);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first)).isGreaterThanOrEqualTo(600);
        }
    }

    @Test
    void fullOutboxShouldAnswer503UntilTheSinkDrainsIt() throws Exception {
        TestSinks.HANGING.add("crm");
        try (TestGateway gw = start(dir, config(new JsonObject().put("maxOutboxDepth", 3)
                .put("attemptTimeout", "200ms"), "crm"))) {
            for (int i = 0; i < 3; i++) {
                post(gw, "fill " + i);
            }
            // The outbox depth is sampled, so a probe may still be accepted before backpressure sets in: count those.
            java.util.concurrent.atomic.AtomicInteger acceptedProbes = new java.util.concurrent.atomic.AtomicInteger();
            await("backpressure", () -> {
                try {
                    int status = gw.post("/webhooks/web", "application/json", "{\"message\":\"x\"}").statusCode();
                    if (status == 202) {
                        acceptedProbes.incrementAndGet();
                    }
                    return status == 503;
                } catch (Exception e) {
                    return false;
                }
            });
            HttpResponse<Buffer> refused = gw.post("/webhooks/web", "application/json", "{\"message\":\"refused\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("30");
            assertThat(gw.get("/health/ready").statusCode()).isEqualTo(503);
            TestSinks.HANGING.remove("crm");
            await("drained", () -> {
                try {
                    return gw.get("/health/ready").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            post(gw, "accepted again");
            await("all delivered", () -> new HashSet<>(TestSinks.DELIVERED.getOrDefault("crm", List.of()).stream()
                    .map(d -> d.contact().id()).toList()).size() == 4 + acceptedProbes.get());
        }
    }

    @Test
    void failingSinkShouldOpenItsBreakerAndRecover() throws Exception {
        TestSinks.BEHAVIOUR.put("crm", d -> DeliveryResult.retry("http 503", null));
        JsonObject delivery = new JsonObject().put("breakerMinimumCalls", 2).put("breakerWindow", 2)
                .put("breakerWaitInOpen", "300ms");
        try (TestGateway gw = start(dir, config(delivery, "crm"))) {
            post(gw, "a");
            await("breaker open", () -> {
                try {
                    return gw.get("/health/ready").bodyAsString().contains("\"crm\":\"open\"");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(gw.metrics()).contains("switchboard_sink_breaker_state{sink=\"crm\"} 1.0");
            TestSinks.BEHAVIOUR.remove("crm");
            await("delivered after the breaker lets a probe through", () -> delivered("crm") == 1);
            await("breaker closed", () -> {
                try {
                    return gw.get("/health/ready").bodyAsString().contains("\"crm\":\"closed\"");
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @Test
    void pendingDeliveriesShouldSurviveARestart() throws Exception {
        TestSinks.HANGING.add("crm");
        List<String> ids = new ArrayList<>();
        JsonObject cfg = config(new JsonObject().put("attemptTimeout", "100ms"), "crm");
        try (TestGateway gw = start(dir, cfg)) {
            for (int i = 0; i < 5; i++) {
                ids.add(post(gw, "survive " + i));
            }
            for (String id : ids) {
                gw.awaitProcessed(id);
            }
        }
        TestSinks.HANGING.remove("crm");
        try (TestGateway gw = start(dir, cfg)) {
            await("delivered after restart", () -> {
                Set<String> got = new HashSet<>();
                TestSinks.DELIVERED.getOrDefault("crm", List.of()).forEach(d -> got.add(d.contact().id()));
                return got.containsAll(ids);
            });
        }
    }

    @Test
    void orderedSinkShouldReceiveOneConversationInOrder() throws Exception {
        JsonObject cfg = config(new JsonObject().put("batchSize", 50), "events");
        cfg.getJsonObject("sinks").getJsonObject("events").put("ordered", true);
        AtomicInteger calls = new AtomicInteger();
        TestSinks.BEHAVIOUR.put("events", d -> calls.incrementAndGet() % 3 == 0
                ? DeliveryResult.retry("flaky", null) : DeliveryResult.delivered(null));
        try (TestGateway gw = start(dir, cfg)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                HttpResponse<Buffer> r = gw.post("/webhooks/web", "application/json", new JsonObject()
                        .put("message", "m" + i).put("email", "same.customer@example.com").encode());
                ids.add(r.bodyAsJsonObject().getString("id"));
            }
            await("all delivered", () -> delivered("events") == 15);
            List<String> order = TestSinks.DELIVERED.get("events").stream().map(d -> d.contact().id()).toList();
            List<String> sorted = new ArrayList<>(order);
            sorted.sort(String::compareTo);
            assertThat(order).as("one customer's contacts arrive in id (arrival) order").isEqualTo(sorted);
        }
    }
}
