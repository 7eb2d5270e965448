package io.switchboard.gateway.chain;

import io.switchboard.gateway.chain.ScriptedPlugin.Mode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.switchboard.gateway.chain.ChainRig.chain;
import static io.switchboard.gateway.chain.ChainRig.scripted;
import static org.assertj.core.api.Assertions.assertThat;

/** The retry-later policy: contacts parked durably, resumed from the parked step, never dropped. */
class ParkedContactsTest {

    @TempDir
    Path dir;

    private static JsonObject chainWithFlakyMiddle(String prefix, String retryInterval, JsonObject breaker) {
        JsonObject middle = scripted(prefix + "-b").put("onFailure", "retry-later").put("retryInterval", retryInterval);
        if (breaker != null) {
            middle.put("breaker", breaker);
        }
        return new JsonObject().put("default", chain(scripted(prefix + "-a"), middle, scripted(prefix + "-c")));
    }

    @Test
    void failingStepShouldParkTheContactAndTheChainShouldResumeFromThatStepAfterRecovery() throws Exception {
        List.of("k-a", "k-b", "k-c").forEach(ScriptedPlugin::reset);
        ScriptedPlugin.control("k-b").mode(Mode.FAIL);
        try (ChainRig rig = ChainRig.start(dir, chainWithFlakyMiddle("k", "200ms", null))) {
            String id = rig.post("park me");
            JsonObject parked = rig.await(id, "parked");
            assertThat(parked.getJsonObject("processing").getString("nextStep")).isEqualTo("k-b");
            assertThat(parked.getJsonObject("processing").getString("chain")).isEqualTo("default");
            assertThat(parked.getJsonArray("tags")).containsExactly("k-a");
            Thread.sleep(300);
            assertThat(rig.contact(id).getJsonObject("processing").getString("status")).as("still failing: still parked")
                    .isEqualTo("parked");
            assertThat(rig.contact(id).getJsonArray("deliveries")).as("a parked contact is not forwarded").isEmpty();

            ScriptedPlugin.control("k-b").mode(Mode.OK);
            JsonObject done = rig.await(id, "processed");
            assertThat(done.getJsonArray("tags")).containsExactly("k-a", "k-b", "k-c");
            assertThat(ScriptedPlugin.control("k-a").callsFor(id)).as("resumed from the parked step, not the start")
                    .isEqualTo(1);
            assertThat(ScriptedPlugin.control("k-b").callsFor(id)).isGreaterThanOrEqualTo(2);
            assertThat(ScriptedPlugin.control("k-c").callsFor(id)).isEqualTo(1);
            JsonObject counters = rig.step("default", "k-b").getJsonObject("counters");
            assertThat(counters.getLong("parked")).isGreaterThanOrEqualTo(1);
            assertThat(counters.getLong("resumed")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void breakerClosingShouldResumeParkedContactsAtOnce() throws Exception {
        List.of("q-a", "q-b", "q-c").forEach(ScriptedPlugin::reset);
        ScriptedPlugin.control("q-b").mode(Mode.FAIL);
        JsonObject breaker = new JsonObject().put("window", 2).put("minimumCalls", 2).put("waitInOpen", "300ms")
                .put("halfOpenCalls", 1);
        // Parked contacts are retried only hourly on their own: here only the breaker closing can resume them.
        try (ChainRig rig = ChainRig.start(dir, chainWithFlakyMiddle("q", "1h", breaker))) {
            List<String> ids = List.of(rig.post("one"), rig.post("two"));
            for (String id : ids) {
                rig.await(id, "parked");
            }
            String refused = rig.post("three");
            rig.await(refused, "parked");
            assertThat(rig.step("default", "q-b").getJsonObject("breaker").getString("state")).isEqualTo("open");
            ScriptedPlugin.control("q-b").mode(Mode.OK);
            Thread.sleep(400);
            // A new contact is the half-open probe; its success closes the breaker, which resumes the parked ones.
            rig.await(rig.post("probe"), "processed");
            for (String id : List.of(ids.get(0), ids.get(1), refused)) {
                assertThat(rig.await(id, "processed").getJsonArray("tags")).containsExactly("q-a", "q-b", "q-c");
                assertThat(ScriptedPlugin.control("q-a").callsFor(id)).isEqualTo(1);
            }
        }
    }

    @Test
    void parkedContactsShouldResumeAfterAGatewayRestart() throws Exception {
        List.of("s-a", "s-b", "s-c").forEach(ScriptedPlugin::reset);
        ScriptedPlugin.control("s-b").mode(Mode.FAIL);
        List<String> ids;
        try (ChainRig rig = ChainRig.start(dir, chainWithFlakyMiddle("s", "1h", null))) {
            ids = List.of(rig.post("a"), rig.post("b"), rig.post("c"));
            for (String id : ids) {
                rig.await(id, "parked");
            }
        }
        ScriptedPlugin.control("s-b").mode(Mode.OK);
        try (ChainRig again = ChainRig.start(dir, chainWithFlakyMiddle("s", "1h", null))) {
            for (String id : ids) {
                JsonObject c = again.await(id, "processed");
                assertThat(c.getJsonArray("tags")).containsExactly("s-a", "s-b", "s-c");
                assertThat(ScriptedPlugin.control("s-a").callsFor(id)).isEqualTo(1);
                assertThat(ScriptedPlugin.control("s-c").callsFor(id)).isEqualTo(1);
            }
        }
    }
}
