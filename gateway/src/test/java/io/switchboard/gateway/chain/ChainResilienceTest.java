package io.switchboard.gateway.chain;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.gateway.chain.ScriptedPlugin.Mode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.switchboard.gateway.chain.ChainRig.chain;
import static io.switchboard.gateway.chain.ChainRig.scripted;
import static org.assertj.core.api.Assertions.assertThat;

/** Circuit breaker, rate limiter and bulkhead of a step, against a running chain. */
class ChainResilienceTest {

    @TempDir
    static Path dir;
    static ChainRig rig;
    static ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        List.of("r-breaker", "r-shaped", "r-limited", "r-bulk").forEach(ScriptedPlugin::reset);
        log.start();
        ((Logger) LoggerFactory.getLogger(Step.class)).addAppender(log);
        JsonObject chains = new JsonObject()
                .put("breaker", chain(scripted("r-breaker").put("breaker", new JsonObject().put("window", 4)
                        .put("minimumCalls", 4).put("failureRate", 50).put("waitInOpen", "400ms")
                        .put("halfOpenCalls", 2))))
                .put("shaped", chain(scripted("r-shaped").put("rateLimit", new JsonObject().put("permits", 5)
                        .put("period", "300ms").put("maxWait", "10s"))))
                .put("limited", chain(scripted("r-limited").put("rateLimit", new JsonObject().put("permits", 5)
                        .put("period", "10s").put("maxWait", "0s"))))
                .put("bulk", chain(scripted("r-bulk").put("bulkhead", new JsonObject().put("maxConcurrent", 2))));
        rig = ChainRig.start(dir, chains);
    }

    @AfterAll
    static void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(Step.class)).detachAppender(log);
        rig.close();
    }

    private static String firstSkipReason(JsonObject c) {
        var skipped = c.getJsonObject("processing").getJsonArray("skipped");
        return skipped.isEmpty() ? null : skipped.getJsonObject(0).getString("reason");
    }

    private static List<String> transitions() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : log.list) {
            if (e.getFormattedMessage().contains("circuit breaker changed state")) {
                String from = null;
                String to = null;
                for (var kv : e.getKeyValuePairs()) {
                    if (kv.key.equals("from")) {
                        from = String.valueOf(kv.value);
                    } else if (kv.key.equals("to")) {
                        to = String.valueOf(kv.value);
                    }
                }
                out.add(from + "->" + to);
            }
        }
        return out;
    }

    @Test
    void breakerShouldOpenAfterFailuresAndCloseAfterRecovery() throws Exception {
        ScriptedPlugin.Control c = ScriptedPlugin.control("r-breaker").mode(Mode.FAIL);
        for (int i = 0; i < 4; i++) {
            assertThat(firstSkipReason(rig.await(rig.post("breaker", "fail " + i), "processed")))
                    .isEqualTo("error:IOException");
        }
        assertThat(rig.step("breaker", "r-breaker").getJsonObject("breaker").getString("state")).isEqualTo("open");
        assertThat(rig.gw.metrics()).contains("switchboard_chain_step_breaker_state{chain=\"breaker\",step=\"r-breaker\"} 1.0");
        int callsWhenOpened = c.calls.get();
        // Open: calls fail at once without reaching the plugin.
        for (int i = 0; i < 3; i++) {
            assertThat(firstSkipReason(rig.await(rig.post("breaker", "refused " + i), "processed")))
                    .isEqualTo("circuit-open");
        }
        assertThat(c.calls.get()).isEqualTo(callsWhenOpened);
        // The plugin recovers; after the open-state wait, probes go through and close the breaker.
        c.mode(Mode.OK);
        Thread.sleep(500);
        for (int i = 0; i < 2; i++) {
            JsonObject ok = rig.await(rig.post("breaker", "probe " + i), "processed");
            assertThat(ok.getJsonArray("tags")).containsExactly("r-breaker");
        }
        assertThat(rig.step("breaker", "r-breaker").getJsonObject("breaker").getString("state")).isEqualTo("closed");
        assertThat(rig.gw.metrics()).contains("switchboard_chain_step_breaker_state{chain=\"breaker\",step=\"r-breaker\"} 0.0");
        assertThat(transitions()).containsSubsequence("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(rig.step("breaker", "r-breaker").getJsonObject("counters").getJsonObject("failuresByReason")
                .getLong("circuit-open")).isEqualTo(3);
    }

    @Test
    void rateLimitShouldShapeThroughputToItsConfiguredRate() throws Exception {
        ScriptedPlugin.Control c = ScriptedPlugin.control("r-shaped");
        List<String> ids = rig.postConcurrently("shaped", 20, "shape me");
        for (String id : ids) {
            rig.await(id, "processed");
        }
        List<Long> times = new ArrayList<>(c.callTimes);
        times.sort(Long::compare);
        assertThat(times).hasSize(20);
        // 5 permits per 300 ms: 20 calls need at least 4 refresh periods, so the first and last call are at least
        // two full periods apart (whatever the periods' phase), and no 300 ms span holds more than two periods'
        // permits. Lower bounds only: a slow machine makes the span longer, never shorter.
        long spanMs = TimeUnit.NANOSECONDS.toMillis(times.get(19) - times.get(0));
        assertThat(spanMs).isGreaterThanOrEqualTo(600);
        long window = TimeUnit.MILLISECONDS.toNanos(300);
        for (long start : times) {
            assertThat(times.stream().filter(t -> t >= start && t - start < window).count())
                    .as("calls in the 300 ms after one call").isLessThanOrEqualTo(10);
        }
        assertThat(rig.step("shaped", "r-shaped").getJsonObject("counters").getLong("rateLimited")).isZero();
    }

    @Test
    void rateLimitWithoutWaitingShouldApplyTheFailurePolicyToCallsPastTheRate() throws Exception {
        ScriptedPlugin.Control c = ScriptedPlugin.control("r-limited");
        List<String> ids = rig.postConcurrently("limited", 20, "limit me");
        int limited = 0;
        for (String id : ids) {
            if ("rate-limited".equals(firstSkipReason(rig.await(id, "processed")))) {
                limited++;
            }
        }
        // 5 permits per 10 s: the 20 contacts arrive within at most two periods.
        assertThat(c.calls.get()).isBetween(5, 10);
        assertThat(limited).isEqualTo(20 - c.calls.get());
        JsonObject step = rig.step("limited", "r-limited");
        assertThat(step.getJsonObject("counters").getLong("rateLimited")).isEqualTo(limited);
        // The rate limiter is outside the breaker: refused calls are never recorded by it.
        assertThat(step.getJsonObject("breaker").getInteger("bufferedCalls")).isEqualTo(c.calls.get());
        assertThat(step.getJsonObject("breaker").getString("state")).isEqualTo("closed");
    }

    @Test
    void bulkheadShouldRefuseCallsPastItsConcurrencyLimit() throws Exception {
        ScriptedPlugin.Control c = ScriptedPlugin.control("r-bulk").mode(Mode.SLOW);
        c.slowMs = 500;
        List<String> ids = rig.postConcurrently("bulk", 8, "crowd");
        int refused = 0;
        for (String id : ids) {
            if ("bulkhead-full".equals(firstSkipReason(rig.await(id, "processed")))) {
                refused++;
            }
        }
        assertThat(c.maxConcurrent.get()).isLessThanOrEqualTo(2);
        assertThat(refused).isGreaterThanOrEqualTo(1).isEqualTo(8 - c.calls.get());
        // The bulkhead is outside the breaker too.
        assertThat(rig.step("bulk", "r-bulk").getJsonObject("breaker").getInteger("bufferedCalls"))
                .isEqualTo(c.calls.get());
    }
}
