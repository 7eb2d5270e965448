package io.switchboard.gateway.chain;

import io.switchboard.gateway.chain.ScriptedPlugin.Mode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.switchboard.gateway.chain.ChainRig.chain;
import static io.switchboard.gateway.chain.ChainRig.scripted;
import static org.assertj.core.api.Assertions.assertThat;

/** Reloading chains without a restart: applied atomically, refused when invalid, nothing lost or run twice. */
class ChainReloadTest {

    @TempDir
    Path dir;

    private static JsonObject tagging(String control, String tag) {
        return new JsonObject().put("default", chain(new JsonObject().put("plugin", "scripted").put("name", "tagger")
                .put("config", new JsonObject().put("control", control).put("tag", tag))));
    }

    @Test
    void reloadShouldApplyTheNewChainsAndCloseTheOldPlugins() throws Exception {
        ScriptedPlugin.reset("l-one");
        ScriptedPlugin.reset("l-two");
        try (ChainRig rig = ChainRig.start(dir, tagging("l-one", "v1"))) {
            assertThat(rig.await(rig.post("before"), "processed").getJsonArray("tags")).containsExactly("v1");
            rig.rewrite(tagging("l-two", "v2"));
            HttpResponse<Buffer> r = rig.reload();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getLong("generation")).isEqualTo(2);
            assertThat(rig.await(rig.post("after"), "processed").getJsonArray("tags")).containsExactly("v2");
            assertThat(rig.chains().getLong("generation")).isEqualTo(2);
            long deadline = System.currentTimeMillis() + 5000;
            while (ScriptedPlugin.control("l-one").closed.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ScriptedPlugin.control("l-one").closed.get()).as("the old plugin is closed").isEqualTo(1);
            assertThat(ScriptedPlugin.control("l-two").closed.get()).isZero();
            assertThat(rig.gw.metrics()).contains("switchboard_chain_reloads_total{outcome=\"applied\"} 1.0");
        }
    }

    @Test
    void invalidNewConfigurationShouldBeRefusedWithEveryProblemAndTheOldChainsKeepRunning() throws Exception {
        ScriptedPlugin.reset("l-keep");
        try (ChainRig rig = ChainRig.start(dir, tagging("l-keep", "kept"))) {
            JsonObject bad = new JsonObject().put("default", chain(
                    new JsonObject().put("plugin", "no-such-plugin"),
                    scripted("x").put("timeLimit", "soon"),
                    new JsonObject().put("plugin", "scripted").put("config", new JsonObject().put("colour", "red"))));
            rig.rewrite(bad);
            HttpResponse<Buffer> r = rig.reload();
            assertThat(r.statusCode()).isEqualTo(400);
            JsonObject body = r.bodyAsJsonObject();
            assertThat(body.getString("error")).isEqualTo("invalid-configuration");
            assertThat(body.getJsonArray("problems").stream().map(p -> ((JsonObject) p).getString("path")))
                    .contains("chains.default.steps[0].plugin", "chains.default.steps[1].timeLimit",
                            "chains.default.steps[2].config.colour", "chains.default.steps[2].config.control");
            assertThat(rig.chains().getLong("generation")).isEqualTo(1);
            assertThat(rig.await(rig.post("still"), "processed").getJsonArray("tags")).containsExactly("kept");
            assertThat(ScriptedPlugin.control("l-keep").closed.get()).isZero();
            assertThat(rig.gw.metrics()).contains("switchboard_chain_reloads_total{outcome=\"refused\"} 1.0");
        }
    }

    @Test
    void pluginRefusingItsConfigurationOnReloadShouldLeaveTheOldChains() throws Exception {
        ScriptedPlugin.reset("l-old");
        try (ChainRig rig = ChainRig.start(dir, tagging("l-old", "old"))) {
            rig.rewrite(new JsonObject().put("default", chain(new JsonObject().put("plugin", "scripted")
                    .put("config", new JsonObject().put("control", "l-new").put("min", 9).put("max", 1)))));
            HttpResponse<Buffer> r = rig.reload();
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getJsonArray("problems").getJsonObject(0).getString("path"))
                    .isEqualTo("chains.default.steps[0].config.min");
            assertThat(rig.await(rig.post("still"), "processed").getJsonArray("tags")).containsExactly("old");
        }
    }

    @Test
    void reloadUnderLoadShouldNeitherLoseNorDoubleProcessAContact() throws Exception {
        ScriptedPlugin.reset("l-load");
        ScriptedPlugin.Control c = ScriptedPlugin.control("l-load").mode(Mode.SLOW);
        c.slowMs = 30;
        try (ChainRig rig = ChainRig.start(dir, tagging("l-load", "g1"))) {
            ExecutorService posters = Executors.newFixedThreadPool(4);
            List<Future<List<String>>> batches = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                batches.add(posters.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 60; i++) {
                        ids.add(rig.post("load " + thread + "-" + i));
                    }
                    return ids;
                }));
            }
            for (int g = 2; g <= 6; g++) {
                Thread.sleep(60);
                rig.rewrite(tagging("l-load", "g" + g));
                assertThat(rig.reload().statusCode()).isEqualTo(200);
            }
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> b : batches) {
                ids.addAll(b.get());
            }
            posters.shutdown();
            for (String id : ids) {
                JsonObject done = rig.await(id, "processed");
                assertThat(done.getJsonArray("tags")).hasSize(1);
                assertThat(c.callsFor(id)).as("contact %s ran its chain exactly once", id).isEqualTo(1);
            }
            assertThat(ids).hasSize(240).doesNotHaveDuplicates();
            assertThat(c.calls.get()).isEqualTo(240);
            assertThat(rig.chains().getLong("generation")).isEqualTo(6);
            // Every generation's plugin but the last was closed after its contacts finished.
            long deadline = System.currentTimeMillis() + 5000;
            while (c.closed.get() < 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(c.closed.get()).isEqualTo(5);
        }
    }

    @Test
    void contactParkedAtAStepRemovedByAReloadShouldRunTheNewChain() throws Exception {
        List.of("o-flaky", "o-new").forEach(ScriptedPlugin::reset);
        ScriptedPlugin.control("o-flaky").mode(Mode.FAIL);
        try (ChainRig rig = ChainRig.start(dir, new JsonObject().put("default", chain(scripted("o-flaky")
                .put("onFailure", "retry-later").put("retryInterval", "1h"))))) {
            String id = rig.post("orphan");
            rig.await(id, "parked");
            rig.rewrite(new JsonObject().put("default", chain(scripted("o-new"))));
            assertThat(rig.reload().statusCode()).isEqualTo(200);
            JsonObject done = rig.await(id, "processed");
            assertThat(done.getJsonArray("tags")).containsExactly("o-new");
        }
    }
}
