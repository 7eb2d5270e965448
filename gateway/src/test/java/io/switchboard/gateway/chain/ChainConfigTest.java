package io.switchboard.gateway.chain;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.delivery.SinkRegistry;
import io.switchboard.gateway.internal.GatewayServices;
import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.phone.LibPhoneNumbers;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.switchboard.gateway.chain.ChainRig.chain;
import static io.switchboard.gateway.chain.ChainRig.scripted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation of {@code chains:}: every step of every chain, every problem at once, each with its key path. */
class ChainConfigTest {

    @TempDir
    Path dir;

    private static final ChannelRegistry CHANNELS = ChannelRegistry.discover(ChainConfigTest.class.getClassLoader());

    private GatewayConfig parse(JsonObject chains) {
        JsonObject raw = new JsonObject()
                .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form")))
                .put("plugins", new JsonObject().put("directory", dir.resolve("no-plugins").toString()))
                .put("chains", chains);
        return ConfigLoader.parse(raw, dir.resolve("gateway.yaml"), Map.of(), CHANNELS, SinkRegistry.of(List.of()),
                PluginRegistry.with(getClass().getClassLoader(), List.of(new ScriptedPlugin())));
    }

    private List<ConfigProblem> problems(JsonObject chains) {
        try {
            parse(chains);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("configuration was accepted");
    }

    private ConfigProblem only(JsonObject chains) {
        List<ConfigProblem> ps = problems(chains);
        assertThat(ps).hasSize(1);
        return ps.get(0);
    }

    private static JsonObject defaultChain(JsonObject step) {
        return new JsonObject().put("default", chain(step));
    }

    @Test
    void validChainsShouldBeTypedWithDefaults() {
        GatewayConfig c = parse(new JsonObject().put("default", chain(scripted("a")))
                .put("web", chain(scripted("b").put("onFailure", "retry-later").put("timeLimit", "500ms")
                        .put("rateLimit", new JsonObject().put("permits", 10)))));
        StepConfig a = c.chains().chains().get("default").get(0);
        assertThat(a.qualifiedName()).isEqualTo("default.a");
        assertThat(a.onFailure()).isEqualTo(FailurePolicy.SKIP);
        assertThat(a.timeLimit()).isEqualTo(Duration.ofSeconds(2));
        assertThat(a.rateLimit()).isNull();
        assertThat(a.breaker().failureRate()).isEqualTo(50);
        assertThat(a.bulkhead().maxConcurrent()).isEqualTo(256);
        assertThat(a.source()).isEqualTo(PluginRegistry.CLASS_PATH);
        StepConfig b = c.chains().chains().get("web").get(0);
        assertThat(b.onFailure()).isEqualTo(FailurePolicy.RETRY_LATER);
        assertThat(b.rateLimit().permits()).isEqualTo(10);
        assertThat(b.rateLimit().period()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.chains().chainOf("web")).isEqualTo("web");
        assertThat(c.chains().chainOf("elsewhere")).isEqualTo("default");
        c.chains().registry().close();
    }

    @Test
    void stepNameShouldDefaultToThePluginName() {
        GatewayConfig c = parse(defaultChain(new JsonObject().put("plugin", "scripted")
                .put("config", new JsonObject().put("control", "x"))));
        assertThat(c.chains().chains().get("default").get(0).name()).isEqualTo("scripted");
    }

    @Test
    void unknownPluginShouldBeReportedWithTheLoadedPluginsAndTheSourcesSearched() {
        ConfigProblem p = only(defaultChain(new JsonObject().put("plugin", "business-hourz")));
        assertThat(p.path()).isEqualTo("chains.default.steps[0].plugin");
        assertThat(p.value()).isEqualTo("business-hourz");
        assertThat(p.message()).contains("unknown plugin; loaded plugins are continuity, identity, priority, redaction, scripted")
                .contains("searched: class path, " + dir.resolve("no-plugins").toAbsolutePath() + " (does not exist)");
    }

    @Test
    void pluginConfigurationShouldBeValidatedAgainstThePluginsSpec() {
        List<ConfigProblem> ps = problems(defaultChain(new JsonObject().put("plugin", "scripted")
                .put("config", new JsonObject().put("min", "low").put("colour", "red"))));
        assertThat(ps).extracting(ConfigProblem::path).containsExactlyInAnyOrder("chains.default.steps[0].config.colour",
                "chains.default.steps[0].config.control", "chains.default.steps[0].config.min");
    }

    @Test
    void chainNamedAfterNoConfiguredChannelShouldBeRefused() {
        ConfigProblem p = only(new JsonObject().put("webb", chain(scripted("a"))));
        assertThat(p.path()).isEqualTo("chains.webb");
        assertThat(p.message()).contains("configured channels are web");
    }

    @Test
    void duplicateStepNamesShouldBeRefused() {
        ConfigProblem p = only(new JsonObject().put("default", chain(scripted("a"), scripted("a"))));
        assertThat(p.path()).isEqualTo("chains.default.steps[1].name");
        assertThat(p.message()).contains("also steps[0]");
    }

    @Test
    void stepThatIsNotAMappingShouldBeRefused() {
        ConfigProblem p = only(new JsonObject().put("default", new JsonObject().put("steps",
                new JsonArray().add("business-hours"))));
        assertThat(p.path()).isEqualTo("chains.default.steps[0]");
    }

    @Test
    void unknownFailurePolicyShouldBeRefused() {
        ConfigProblem p = only(defaultChain(scripted("a").put("onFailure", "retry")));
        assertThat(p.path()).isEqualTo("chains.default.steps[0].onFailure");
        assertThat(p.message()).isEqualTo("must be one of skip, retry-later, reject");
    }

    @Test
    void zeroTimeLimitShouldBeRefused() {
        assertThat(only(defaultChain(scripted("a").put("timeLimit", "0s"))).path())
                .isEqualTo("chains.default.steps[0].timeLimit");
    }

    @Test
    void breakerFailureRateOutOfRangeShouldBeRefused() {
        ConfigProblem p = only(defaultChain(scripted("a").put("breaker", new JsonObject().put("failureRate", 0))));
        assertThat(p.path()).isEqualTo("chains.default.steps[0].breaker.failureRate");
        assertThat(p.message()).isEqualTo("must be between 1 and 100");
    }

    @Test
    void negativeRatePermitsShouldBeRefused() {
        assertThat(only(defaultChain(scripted("a").put("rateLimit", new JsonObject().put("permits", -1)))).path())
                .isEqualTo("chains.default.steps[0].rateLimit.permits");
    }

    @Test
    void zeroBulkheadShouldBeRefused() {
        assertThat(only(defaultChain(scripted("a").put("bulkhead", new JsonObject().put("maxConcurrent", 0)))).path())
                .isEqualTo("chains.default.steps[0].bulkhead.maxConcurrent");
    }

    @Test
    void unknownStepKeyShouldBeRefused() {
        assertThat(only(defaultChain(scripted("a").put("retries", 3))).path()).isEqualTo("chains.default.steps[0].retries");
    }

    @Test
    void everyProblemOfEveryChainShouldBeReportedAtOnceWithOtherSections() {
        JsonObject raw = new JsonObject()
                .put("server", new JsonObject().put("port", -1))
                .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form")))
                .put("chains", new JsonObject()
                        .put("default", chain(new JsonObject().put("plugin", "nope"), scripted("ok")))
                        .put("web", chain(scripted("w").put("breaker", new JsonObject().put("window", 0)),
                                new JsonObject().put("plugin", "scripted").put("config", new JsonObject()))));
        assertThatThrownBy(() -> ConfigLoader.parse(raw, dir.resolve("gateway.yaml"), Map.of(), CHANNELS,
                SinkRegistry.of(List.of()), PluginRegistry.with(getClass().getClassLoader(), List.of(new ScriptedPlugin()))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::path)
                        .contains("server.port", "chains.default.steps[0].plugin", "chains.web.steps[0].breaker.window",
                                "chains.web.steps[1].config.control"))
                .hasMessageContaining(dir.resolve("gateway.yaml") + ": chains.web.steps[1].config.control: is required");
    }

    @Test
    void pluginMissingASecretShouldFailStartUpUnlikeAChannel() {
        ConfigProblem p = only(defaultChain(scripted("a").put("config", new JsonObject().put("control", "x")
                .put("tag", "${env:TAG_SECRET}"))));
        assertThat(p.path()).isEqualTo("chains.default.steps[0].config.tag");
        assertThat(p.kind()).isEqualTo(ConfigProblem.Kind.INVALID);
    }

    @Test
    void factoryRefusingItsConfigurationShouldFailStartUpWithTheStepsKeyPath() throws Exception {
        GatewayConfig c = parse(new JsonObject().put("default", chain(scripted("a"),
                scripted("b").put("config", new JsonObject().put("control", "b").put("min", 5).put("max", 1)))));
        Vertx vertx = Vertx.vertx();
        try {
            assertThatThrownBy(() -> ChainExecutor.start(vertx, c, GatewayMetrics.create(), GatewayServices.none(),
                    new LibPhoneNumbers(), Clock.systemUTC()))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.path()).isEqualTo("chains.default.steps[1].config.min");
                                assertThat(p.message()).isEqualTo("must not exceed max");
                            }));
            assertThat(ScriptedPlugin.control("a").closed.get()).as("plugins already created are closed")
                    .isGreaterThanOrEqualTo(1);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
