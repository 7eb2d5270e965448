package io.switchboard.gateway.faults;

import io.switchboard.gateway.testing.GatewayProcess;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.switchboard.gateway.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} under sustained load: every request that got a 2xx is stored exactly once after the
 * restart and forwarded exactly once to the system of record (a real PostgreSQL sink, checked by provider event
 * id); requests that got no answer are retried (as providers do) and de-duplicated.
 */
class CrashTest {

    /** Load duration before the kill; the long profile ({@code -Dswitchboard.long=true}) runs longer. */
    private static final long LOAD_MS = Boolean.getBoolean("switchboard.long") ? 20_000 : 2_500;

    private final String sinkSchema = Postgres.freshSchema();

    @AfterEach
    void dropSinkSchema() {
        Postgres.dropSchema(sinkSchema);
    }

    @Test
    void everyAcknowledgedContactShouldSurviveKillNine(@TempDir Path dir) throws Exception {
        int port = GatewayProcess.freePort();
        int admin = GatewayProcess.freePort();
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                server:
                  port: %d
                  instances: 2
                admin:
                  port: %d
                store:
                  path: %s
                sinks:
                  warehouse:
                    type: postgres
                    host: %s
                    port: %d
                    database: %s
                    user: %s
                    schema: %s
                delivery:
                  defaultSinks: [warehouse]
                channels:
                  web:
                    type: web-form
                    perClientLimit: 0
                    channelLimitPerSecond: 0
                """.formatted(port, admin, dir.resolve("switchboard.db"), Postgres.HOST, Postgres.PORT,
                Postgres.DATABASE, Postgres.USER, sinkSchema));
        Path log = dir.resolve("gateway.log");
        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(port).setConnectTimeout(1000).setIdleTimeout(2),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        try {
            GatewayProcess gw = GatewayProcess.start(config, port, admin, Map.of(), log);
            List<Future<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 32; w++) {
                workers.add(loop(client, running, next, acked, unanswered));
            }
            Thread.sleep(LOAD_MS);
            gw.kill();
            Thread.sleep(300);
            running.set(false);
            Future.join(workers).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            int sentBeforeCrash = next.get();
            assertThat(acked).as("load was acknowledged before the crash").hasSizeGreaterThan(50);
            assertThat(unanswered).as("the crash cut requests off").isNotEmpty();

            try (GatewayProcess again = GatewayProcess.start(config, port, admin, Map.of(), log)) {
                // The provider retries what got no answer, and some of what did (a lost 2xx).
                List<String> retries = new ArrayList<>(unanswered);
                acked.stream().limit(50).forEach(retries::add);
                for (String key : retries) {
                    int status = send(client, key).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
                    assertThat(status).as("retry of " + key).isEqualTo(202);
                    acked.add(key);
                }
                WebClient adminClient = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                        .setDefaultPort(admin));
                for (String key : acked) {
                    int count = adminClient.get("/api/contacts?providerEventId=" + key).send()
                            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                            .bodyAsJsonObject().getInteger("count");
                    assertThat(count).as("contacts stored for acknowledged event " + key).isEqualTo(1);
                }
                int total = 0;
                String before = null;
                do {
                    JsonObject page = adminClient.get("/api/contacts?limit=1000" + (before == null ? "" : "&before=" + before))
                            .send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).bodyAsJsonObject();
                    total += page.getInteger("count");
                    before = page.getString("next");
                } while (before != null);
                assertThat(total).as("no contact stored twice, none from nowhere").isEqualTo(acked.size());
                // Forwarded: every acknowledged event reaches the system of record exactly once.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                String forwarded = "0";
                while (System.nanoTime() < deadline) {
                    forwarded = Postgres.psql("SELECT count(*) FROM " + sinkSchema + ".contacts");
                    if (Integer.parseInt(forwarded) >= acked.size()) {
                        break;
                    }
                    Thread.sleep(200);
                }
                if (Integer.parseInt(forwarded) != acked.size()) {
                    java.util.Set<String> inSink = new java.util.HashSet<>(java.util.Arrays.asList(Postgres.psql(
                            "SELECT provider_event_id FROM " + sinkSchema + ".contacts").split("\n")));
                    for (String key : acked) {
                        if (!inSink.contains(key)) {
                            JsonObject c = adminClient.get("/api/contacts?providerEventId=" + key).send()
                                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                                    .bodyAsJsonObject().getJsonArray("contacts").getJsonObject(0);
                            JsonObject full = adminClient.get("/api/contacts/" + c.getString("id")).send()
                                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).bodyAsJsonObject();
                            System.out.println("CrashTest: not forwarded " + key + " processing=" + full.getJsonObject("processing")
                                    + " deliveries=" + full.getJsonArray("deliveries"));
                        }
                    }
                }
                assertThat(Integer.parseInt(forwarded)).as("contacts forwarded to the sink").isEqualTo(acked.size());
                assertThat(Postgres.psql("SELECT count(*) FROM (SELECT provider_event_id FROM " + sinkSchema
                        + ".contacts GROUP BY provider_event_id HAVING count(*) > 1) d")).as("forwarded twice").isEqualTo("0");
                assertThat(Postgres.psql("SELECT count(DISTINCT provider_event_id) FROM " + sinkSchema + ".contacts "
                        + "WHERE provider_event_id LIKE 'crash-%'")).isEqualTo(String.valueOf(acked.size()));
                System.out.printf("CrashTest: sent %d before the crash, %d acknowledged, %d unanswered and retried, "
                        + "%d stored after restart, %s forwarded to PostgreSQL once each, lost 0%n", sentBeforeCrash,
                        acked.size() - unanswered.size(), unanswered.size(), total, forwarded);
            }
        } finally {
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Future<Integer> send(WebClient client, String key) {
        return client.post("/webhooks/web").putHeader("Content-Type", "application/json")
                .putHeader("Idempotency-Key", key)
                .sendBuffer(Buffer.buffer(new JsonObject().put("message", "crash test " + key).encode()))
                .map(r -> r.statusCode());
    }

    private static Future<Void> loop(WebClient client, AtomicBoolean running, AtomicInteger next, Set<String> acked,
                                     Set<String> unanswered) {
        Promise<Void> done = Promise.promise();
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            if (!running.get()) {
                done.tryComplete();
                return;
            }
            String key = "crash-" + next.incrementAndGet();
            send(client, key).onComplete(ar -> {
                if (ar.succeeded() && ar.result() / 100 == 2) {
                    acked.add(key);
                } else {
                    unanswered.add(key);
                }
                step[0].run();
            });
        };
        step[0].run();
        return done.future();
    }
}
