package io.switchboard.gateway.channel.x;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ChannelConfig;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel's documentation and example configuration cannot drift from the code. */
class XChannelDocsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void docsShouldListEveryConfigKeyAsDeclared() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/x.md"));
        assertThat(doc).contains(new XAdapterFactory().configSpec().toMarkdown());
    }

    @Test
    void exampleConfigurationShouldLoadAsLiveChannel() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            GatewayConfig config = ConfigLoader.load(vertx, ROOT.resolve("config/examples/x.yaml"),
                    Map.of("X_CONSUMER_SECRET", "s"), ChannelRegistry.discover(getClass().getClassLoader()));
            ChannelConfig channel = config.channels().get("acme-x");
            assertThat(channel.type()).isEqualTo(XAdapterFactory.TYPE);
            assertThat(channel.live()).isTrue();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
