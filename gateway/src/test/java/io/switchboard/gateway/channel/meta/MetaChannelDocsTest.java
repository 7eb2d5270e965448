package io.switchboard.gateway.channel.meta;

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
class MetaChannelDocsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void docsShouldListEveryConfigKeyAsDeclared() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/meta.md"));
        assertThat(doc).contains(new MetaAdapterFactory().configSpec().toMarkdown());
    }

    @Test
    void exampleConfigurationShouldLoadAsLiveChannel() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            GatewayConfig config = ConfigLoader.load(vertx, ROOT.resolve("config/examples/meta.yaml"),
                    Map.of("META_APP_SECRET", "s", "META_VERIFY_TOKEN", "t"), ChannelRegistry.discover(getClass().getClassLoader()));
            ChannelConfig channel = config.channels().get("acme-meta");
            assertThat(channel.type()).isEqualTo(MetaAdapterFactory.TYPE);
            assertThat(channel.live()).isTrue();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
