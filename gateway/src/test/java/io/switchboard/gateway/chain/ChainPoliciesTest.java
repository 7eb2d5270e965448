package io.switchboard.gateway.chain;

import io.switchboard.gateway.chain.ScriptedPlugin.Mode;
import io.switchboard.gateway.testing.TestSinks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.switchboard.gateway.chain.ChainRig.chain;
import static io.switchboard.gateway.chain.ChainRig.scripted;
import static io.switchboard.gateway.chain.ChainRig.status;
import static org.assertj.core.api.Assertions.assertThat;

/** Each failure policy, each way a plugin can fail, time limits and blocking plugins, against a running chain. */
class ChainPoliciesTest {

    @TempDir
    static Path dir;
    static ChainRig rig;

    @BeforeAll
    static void start() throws Exception {
        List.of("p-first", "p-hang", "p-after", "p-throw", "p-null", "p-fail", "p-reject", "p-veto", "p-block",
                "p-block-hang", "p-tail").forEach(ScriptedPlugin::reset);
        TestSinks.reset();
        JsonObject chains = new JsonObject()
                .put("default", chain(scripted("p-first")))
                .put("timeouts", chain(scripted("p-hang").put("timeLimit", "200ms"), scripted("p-after")))
                .put("failures", chain(scripted("p-throw"), scripted("p-null"), scripted("p-fail"), scripted("p-tail")))
                .put("rejects", chain(scripted("p-reject").put("onFailure", "reject"), scripted("p-tail")))
                .put("vetoes", chain(scripted("p-veto"), scripted("p-tail")))
                .put("blocking", chain(scripted("p-block").put("blocking", true)))
                .put("blockhang", chain(scripted("p-block-hang").put("blocking", true).put("timeLimit", "200ms")));
        rig = ChainRig.start(dir, chains);
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    private static List<String> skippedReasons(JsonObject c) {
        return c.getJsonObject("processing").getJsonArray("skipped").stream()
                .map(o -> ((JsonObject) o).getString("step") + ":" + ((JsonObject) o).getString("reason")).toList();
    }

    @Test
    void channelWithoutItsOwnChainShouldRunTheDefaultChain() throws Exception {
        JsonObject c = rig.await(rig.post("other", "hello"), "processed");
        assertThat(c.getJsonArray("tags")).containsExactly("p-first");
        assertThat(c.getJsonObject("processing").getString("chain")).isEqualTo("default");
        assertThat(c.getJsonObject("attributes").getJsonObject("scripted").getString("step")).isEqualTo("default.p-first");
    }

    @Test
    void hangingPluginShouldBeTimedOutAndSkippedWithTheReason() throws Exception {
        ScriptedPlugin.control("p-hang").mode(Mode.HANG);
        JsonObject c = rig.await(rig.post("timeouts", "hello"), "processed");
        assertThat(skippedReasons(c)).containsExactly("p-hang:timeout");
        assertThat(c.getJsonArray("tags")).containsExactly("p-after");
        JsonObject step = rig.step("timeouts", "p-hang");
        assertThat(step.getJsonObject("counters").getJsonObject("failuresByReason").getLong("timeout"))
                .isGreaterThanOrEqualTo(1);
        // The time limit is inside the breaker: the breaker counts the timeout as a failure.
        assertThat(step.getJsonObject("breaker").getInteger("failedCalls")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void throwingNullAndFailingPluginsShouldEachBeSkippedWithTheirReason() throws Exception {
        ScriptedPlugin.control("p-throw").mode(Mode.THROW);
        ScriptedPlugin.control("p-null").mode(Mode.NULL);
        ScriptedPlugin.control("p-fail").mode(Mode.FAIL);
        JsonObject c = rig.await(rig.post("failures", "hello"), "processed");
        assertThat(skippedReasons(c)).containsExactly("p-throw:error:IllegalStateException", "p-null:null-result",
                "p-fail:error:IOException");
        assertThat(c.getJsonArray("tags")).containsExactly("p-tail");
        JsonObject counters = rig.step("failures", "p-throw").getJsonObject("counters");
        assertThat(counters.getLong("skipped")).isGreaterThanOrEqualTo(1);
        assertThat(counters.getJsonObject("failuresByReason").getLong("error")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void rejectPolicyShouldStoreTheContactRejectedWithTheStepAndReasonAndNotForwardIt() throws Exception {
        ScriptedPlugin.control("p-reject").mode(Mode.FAIL);
        String id = rig.post("rejects", "hello");
        JsonObject c = rig.await(id, "rejected");
        assertThat(c.getJsonObject("processing").getJsonObject("rejection"))
                .isEqualTo(new JsonObject().put("step", "p-reject").put("reason", "error:IOException"));
        assertThat(ScriptedPlugin.control("p-tail").callsFor(id)).as("later steps do not run").isZero();
        Thread.sleep(300);
        assertThat(rig.contact(id).getJsonArray("deliveries")).as("a rejected contact is not forwarded").isEmpty();
        assertThat(rig.step("rejects", "p-reject").getJsonObject("counters").getLong("rejectedOnFailure"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void pluginRejectionShouldMarkTheContactRejectedWithThePluginsReason() throws Exception {
        ScriptedPlugin.control("p-veto").mode(Mode.REJECT);
        String id = rig.post("vetoes", "hello");
        JsonObject c = rig.await(id, "rejected");
        assertThat(c.getJsonObject("processing").getJsonObject("rejection"))
                .isEqualTo(new JsonObject().put("step", "p-veto").put("reason", "scripted-rejection"));
        assertThat(ScriptedPlugin.control("p-tail").callsFor(id)).isZero();
    }

    @Test
    void processedContactShouldBeForwardedToItsSinks() throws Exception {
        String id = rig.post("other", "forward me");
        rig.await(id, "processed");
        long deadline = System.currentTimeMillis() + 10_000;
        JsonArray deliveries = new JsonArray();
        while (System.currentTimeMillis() < deadline && deliveries.isEmpty()) {
            deliveries = rig.contact(id).getJsonArray("deliveries");
            Thread.sleep(20);
        }
        assertThat(deliveries).isNotEmpty();
    }

    @Test
    void blockingPluginShouldRunOnTheBoundedWorkerPoolNeverAnEventLoop() throws Exception {
        ScriptedPlugin.control("p-block").mode(Mode.BLOCK_THREAD).slowMs = 50;
        JsonObject c = rig.await(rig.post("blocking", "hello"), "processed");
        String thread = c.getJsonObject("attributes").getJsonObject("scripted").getString("thread");
        assertThat(thread).startsWith("switchboard-plugin-worker-");
        assertThat(ScriptedPlugin.control("p-block").threads).allMatch(t -> !t.contains("eventloop"));
    }

    @Test
    void hangingBlockingPluginShouldBeTimedOutAndItsWorkerInterrupted() throws Exception {
        ScriptedPlugin.control("p-block-hang").mode(Mode.BLOCK_THREAD).slowMs = 60_000;
        JsonObject c = rig.await(rig.post("blockhang", "hello"), "processed");
        assertThat(skippedReasons(c)).containsExactly("p-block-hang:timeout");
        // The interrupted worker is free again: the pool has no thread stuck in the plugin.
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline
                && rig.chains().getJsonObject("blockingPool").getInteger("active") > 0) {
            Thread.sleep(20);
        }
        assertThat(rig.chains().getJsonObject("blockingPool").getInteger("active")).isZero();
    }

    @Test
    void chainsApiShouldShowEachChainStepStateAndCounters() throws Exception {
        rig.await(rig.post("other", "count me"), "processed");
        JsonObject all = rig.chains();
        assertThat(all.getLong("generation")).isEqualTo(1);
        assertThat(all.getJsonObject("channels").getString("other")).isEqualTo("default");
        assertThat(all.getJsonObject("channels").getString("timeouts")).isEqualTo("timeouts");
        assertThat(all.getJsonArray("plugins").stream().map(p -> ((JsonObject) p).getString("name")))
                .contains("scripted");
        JsonObject step = rig.step("default", "p-first");
        assertThat(step.getString("plugin")).isEqualTo("scripted");
        assertThat(step.getString("onFailure")).isEqualTo("skip");
        assertThat(step.getJsonObject("breaker").getString("state")).isEqualTo("closed");
        assertThat(step.getJsonObject("bulkhead").getInteger("maxConcurrent")).isEqualTo(256);
        assertThat(step.getJsonObject("counters").getLong("calls")).isGreaterThanOrEqualTo(1);
        assertThat(step.getJsonObject("counters").getLong("proceeded")).isGreaterThanOrEqualTo(1);
        assertThat(step.getJsonObject("counters").getJsonObject("latency").getLong("count")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void stepMetricsShouldBeExposedForPrometheus() throws Exception {
        rig.await(rig.post("other", "measure me"), "processed");
        String scrape = rig.gw.metrics();
        assertThat(scrape).contains("switchboard_chain_step_calls_total{chain=\"default\",outcome=\"proceeded\",step=\"p-first\"}")
                .contains("switchboard_chain_step_breaker_state{chain=\"default\",step=\"p-first\"} 0.0")
                .contains("switchboard_chain_step_latency_seconds_bucket{chain=\"default\",step=\"p-first\"")
                .contains("switchboard_chain_step_failures_total{chain=\"timeouts\",reason=\"timeout\",step=\"p-hang\"}")
                .contains("switchboard_chain_step_skipped_total{chain=\"timeouts\",step=\"p-hang\"}")
                .contains("switchboard_chain_step_rate_limited_total{chain=\"default\",step=\"p-first\"} 0.0");
        assertThat(status(rig.contact(rig.post("other", "x")))).isIn("accepted", "processed");
    }
}
