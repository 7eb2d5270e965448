package io.switchboard.gateway.chain;

import io.switchboard.gateway.chain.ScriptedPlugin.Mode;
import io.switchboard.gateway.internal.GatewayServices;
import io.switchboard.gateway.testing.TestSinks;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.switchboard.gateway.chain.ChainRig.chain;
import static io.switchboard.gateway.chain.ChainRig.scripted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, "slow and failing plugins and sinks": three noisy channels under steady load whose dependencies go bad
 * at once (a plugin that hangs with a sink that hangs, a plugin that fails and parks its contacts, a plugin slower
 * than its time limit with a sink that times out) while a calm channel with healthy dependencies is probed. The breakers of the bad plugins and
 * sinks open, nothing is answered with an error, the calm channel's contacts are still processed and delivered, and
 * its intake p99 stays within twice what it was under the same load with every dependency healthy.
 *
 * <p>The default run asserts the latency bound with 25 ms of slack for a shared CI machine (what it catches: an event
 * loop or the store writer held by a bad dependency, which costs at least the 100 ms time limit); the long profile
 * ({@code -Plong}) asserts the plain 2x. Both print their figures.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DependencyFaultIsolationTest {

    private static final List<String> NOISY = List.of("hang", "fail", "slow");
    private static final boolean LONG = Boolean.getBoolean("switchboard.long");
    private static final Duration PHASE = Duration.ofSeconds(LONG ? 20 : 5);
    private static final int STORM_PER_SECOND = 150;

    @TempDir
    static Path dir;
    private static ChainRig rig;
    private static Vertx clients;
    private static WebClient storm;
    private static WebClient probe;

    @BeforeAll
    static void start() throws Exception {
        TestSinks.reset();
        List.of("calm", "hang", "fail", "slow").forEach(ScriptedPlugin::reset);
        JsonObject breaker = new JsonObject().put("window", 10).put("minimumCalls", 5).put("failureRate", 50)
                .put("slowCallRate", 50).put("slowCallDuration", "80ms").put("waitInOpen", "30s");
        JsonObject chains = new JsonObject()
                .put("web", chain(scripted("calm")))
                .put("hang", chain(scripted("hang").put("timeLimit", "100ms").put("breaker", breaker).put("onFailure", "skip")))
                .put("fail", chain(scripted("fail").put("timeLimit", "100ms").put("breaker", breaker).put("onFailure", "retry-later")))
                .put("slow", chain(scripted("slow").put("timeLimit", "100ms").put("breaker", breaker).put("onFailure", "skip")));
        JsonObject config = ChainRig.config(chains);
        JsonObject sinks = config.getJsonObject("sinks");
        for (String n : NOISY) {
            sinks.put(n + "-crm", new JsonObject().put("type", "test"));
            config.getJsonObject("channels").getJsonObject(n).put("sinks", new JsonArray().add(n + "-crm"));
        }
        config.getJsonObject("channels").getJsonObject("web").put("sinks", new JsonArray().add("chain-crm"));
        config.getJsonObject("delivery").put("attemptTimeout", "200ms").put("initialBackoff", "100ms")
                .put("maxBackoff", "500ms").put("breakerMinimumCalls", 5).put("breakerWindow", 10)
                .put("breakerWaitInOpen", "30s");
        rig = ChainRig.start(dir, config, GatewayServices.none());
        clients = Vertx.vertx();
        storm = WebClient.create(clients, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(rig.gw.port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(32));
        probe = WebClient.create(clients, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(rig.gw.port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (rig != null) {
            rig.close();
        }
        TestSinks.reset();
    }

    @Test
    void badPluginsAndSinksShouldNotSlowAnUnaffectedChannel() throws Exception {
        measure(Duration.ofSeconds(2), "warm-up");
        Phase healthy = measure(PHASE, "healthy");

        ScriptedPlugin.control("hang").mode(Mode.HANG);
        ScriptedPlugin.control("fail").mode(Mode.FAIL);
        ScriptedPlugin.control("slow").slowMs = 300;
        ScriptedPlugin.control("slow").mode(Mode.SLOW);
        TestSinks.HANGING.add("hang-crm");
        TestSinks.BEHAVIOUR.put("fail-crm", d -> DeliveryResult.retry("503 Service Unavailable", null));
        TestSinks.BEHAVIOUR.put("slow-crm", d -> DeliveryResult.retry("timeout", null));
        Phase faulty = measure(PHASE, "faulty");

        System.out.printf("fault isolation: calm channel intake p50/p99 healthy %.2f/%.2f ms (%d probes), "
                        + "with bad dependencies %.2f/%.2f ms (%d probes); storm %d + %d requests, non-2xx %d + %d%n",
                healthy.p50(), healthy.p99(), healthy.latencies.size(), faulty.p50(), faulty.p99(),
                faulty.latencies.size(), healthy.storm, faulty.storm, healthy.errors.get(), faulty.errors.get());

        // No one sees an error, on any channel, while the dependencies are bad.
        assertThat(healthy.errors.get()).isZero();
        assertThat(faulty.errors.get()).isZero();
        // The plugins' breakers opened, and so did the sinks'.
        for (String n : NOISY) {
            assertThat(rig.step(n, n).getJsonObject("breaker").getString("state")).as("breaker of step " + n).isEqualTo("open");
        }
        JsonObject sinkStates = awaitSinksOpen();
        assertThat(sinkStates.getString("chain-crm")).isEqualTo("closed");
        // The failing step's contacts were parked (retry-later), so its sink was never called: nothing was dropped.
        assertThat(rig.step("fail", "fail").getJsonObject("counters").getLong("parked")).isPositive();
        assertThat(TestSinks.ATTEMPTS.getOrDefault("fail-crm", List.of()).stream()
                .filter(d -> String.valueOf(d.contact().content().text()).startsWith("faulty"))).isEmpty();
        // The calm channel's contacts were processed by their own chain and delivered meanwhile.
        for (String id : faulty.sample()) {
            JsonObject c = rig.await(id, "processed");
            assertThat(c.getJsonArray("tags")).contains("calm");
        }
        awaitDelivered(faulty.sample());
        // Its intake latency held.
        double bound = LONG ? 2 * healthy.p99() : 2 * healthy.p99() + 25;
        assertThat(faulty.p99()).as("calm p99 with bad dependencies vs 2x healthy p99 %.2f ms", healthy.p99())
                .isLessThanOrEqualTo(bound);
    }

    private static JsonObject awaitSinksOpen() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonObject states;
        do {
            states = rig.gw.get("/health/ready").bodyAsJsonObject().getJsonArray("checks").stream()
                    .map(JsonObject.class::cast).filter(c -> "outbox".equals(c.getString("id"))).findFirst()
                    .orElseThrow().getJsonObject("data").getJsonObject("sinks");
            JsonObject s = states;
            if ("open".equals(s.getString("hang-crm")) && "open".equals(s.getString("slow-crm"))) {
                return states;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the bad sinks' breakers did not open: " + states.encode());
    }

    private static void awaitDelivered(List<String> ids) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Set<String> want = Set.copyOf(ids);
        while (System.nanoTime() < deadline) {
            Set<String> got = ConcurrentHashMap.newKeySet();
            TestSinks.DELIVERED.getOrDefault("chain-crm", List.of()).forEach(d -> got.add(d.contact().id()));
            if (got.containsAll(want)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("calm contacts were not delivered to chain-crm while the other sinks were down");
    }

    /** Steady storm load on the noisy channels, and sequential probes of the calm one, for {@code d}. */
    private static Phase measure(Duration d, String name) throws Exception {
        Phase p = new Phase();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger seq = new AtomicInteger();
        long period = Math.max(1, 1000 / STORM_PER_SECOND);
        long timer = clients.setPeriodic(period, t -> {
            if (!running.get()) {
                return;
            }
            int i = seq.getAndIncrement();
            String channel = NOISY.get(i % NOISY.size());
            p.storm++;
            storm.post("/webhooks/" + channel).putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer(new JsonObject().put("message", name + " storm " + i).encode()))
                    .onComplete(ar -> {
                        if (ar.failed() || ar.result().statusCode() != 202) {
                            p.errors.incrementAndGet();
                        }
                    });
        });
        long end = System.nanoTime() + d.toNanos();
        int i = 0;
        try {
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                HttpResponse<Buffer> r = probe.post("/webhooks/web").putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(new JsonObject().put("message", name + " calm " + i++).encode()))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
                if (r.statusCode() != 202) {
                    p.errors.incrementAndGet();
                } else {
                    p.latencies.add(micros);
                    p.ids.add(r.bodyAsJsonObject().getString("id"));
                }
                Thread.sleep(5);
            }
        } finally {
            running.set(false);
            clients.cancelTimer(timer);
        }
        Thread.sleep(300); // let the last storm requests answer
        return p;
    }

    private static final class Phase {
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final List<String> ids = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger errors = new AtomicInteger();
        int storm;

        double percentile(double q) {
            List<Long> s = new ArrayList<>(latencies);
            Collections.sort(s);
            if (s.isEmpty()) {
                throw new AssertionError("no probe answered");
            }
            return s.get(Math.min(s.size() - 1, (int) Math.ceil(q * s.size()) - 1)) / 1000.0;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        /** Every 10th calm contact, to check processing and delivery. */
        List<String> sample() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i += 10) {
                out.add(ids.get(i));
            }
            return out;
        }
    }
}
