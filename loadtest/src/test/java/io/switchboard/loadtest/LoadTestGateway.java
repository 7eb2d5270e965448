package io.switchboard.loadtest;

import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.loadtest.traffic.TrafficConfig;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway, in this JVM, configured by {@code config/loadtest.yaml} with the documented test secrets,
 * on free loopback ports and a store in a given directory. Channels whose type this build does not have yet
 * (the Twilio types until they are merged) are left out and reported in {@link #skipped()}.
 */
final class LoadTestGateway implements AutoCloseable {

    /** The documented test secrets (README, Load testing), as the README's export command sets them. */
    static final Map<String, String> TEST_ENV = Map.of(
            "TWILIO_AUTH_TOKEN", TrafficConfig.DEFAULT_TWILIO_AUTH_TOKEN,
            "META_APP_SECRET", TrafficConfig.DEFAULT_META_APP_SECRET,
            "META_VERIFY_TOKEN", TrafficConfig.DEFAULT_META_VERIFY_TOKEN,
            "X_CONSUMER_SECRET", TrafficConfig.DEFAULT_X_CONSUMER_SECRET);

    private final Gateway gateway;
    private final List<String> skipped;

    private LoadTestGateway(Gateway gateway, List<String> skipped) {
        this.gateway = gateway;
        this.skipped = skipped;
    }

    /**
     * @param configFile {@code config/loadtest.yaml}
     * @param dataDir    where the store goes
     * @return the running gateway
     * @throws Exception when it does not start
     */
    static LoadTestGateway start(Path configFile, Path dataDir) throws Exception {
        JsonObject raw = read(configFile);
        raw.getJsonObject("server").put("host", "127.0.0.1").put("port", 0);
        raw.getJsonObject("admin").put("port", 0);
        raw.getJsonObject("store").put("path", dataDir.resolve("loadtest.db").toString());
        ChannelRegistry registry = ChannelRegistry.discover(LoadTestGateway.class.getClassLoader());
        JsonObject channels = raw.getJsonObject("channels");
        List<String> skipped = new ArrayList<>();
        for (String id : new ArrayList<>(channels.fieldNames())) {
            String type = channels.getJsonObject(id).getString("type");
            if (registry.factory(type).isEmpty()) {
                skipped.add(id + " (" + type + ")");
                channels.remove(id);
            }
        }
        GatewayConfig config = ConfigLoader.parse(raw, configFile, TEST_ENV, registry);
        return new LoadTestGateway(Gateway.start(config, registry, Clock.systemUTC()), List.copyOf(skipped));
    }

    static JsonObject read(Path configFile) throws IOException {
        Object yaml = new Yaml().load(Files.readString(configFile, StandardCharsets.UTF_8));
        return new JsonObject(Json.encode(yaml));
    }

    /** @return the public listener's base URL */
    String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    /** @return the admin listener's base URL */
    String adminUrl() {
        return "http://127.0.0.1:" + gateway.adminPort();
    }

    /** @return the channels left out, {@code id (type)}, because this build lacks their type */
    List<String> skipped() {
        return skipped;
    }

    @Override
    public void close() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
