package io.switchboard.gateway.channel.telegram;

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

/** The Telegram channel's documentation and example configuration cannot drift from the code. */
class TelegramChannelDocsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void docsShouldListEveryConfigKeyAsDeclared() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/telegram.md"));
        assertThat(doc).contains(new TelegramAdapterFactory().configSpec().toMarkdown());
    }

    @Test
    void docsShouldNameEveryStoredUpdateKindAndTheSecretHeader() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/telegram.md"));
        assertThat(doc).contains(TelegramAdapter.MESSAGE_KINDS.stream().map(k -> "`" + k + "`").toList())
                .contains(TelegramAdapter.SECRET_HEADER).contains("setWebhook").contains("secret_token");
    }

    @Test
    void exampleConfigurationShouldLoadAsLiveChannel() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            GatewayConfig config = ConfigLoader.load(vertx, ROOT.resolve("config/examples/telegram.yaml"),
                    Map.of("TELEGRAM_SECRET_TOKEN", "s3cret_Token-1"), ChannelRegistry.discover(getClass().getClassLoader()));
            ChannelConfig channel = config.channels().get("acme-telegram");
            assertThat(channel.type()).isEqualTo(TelegramAdapterFactory.TYPE);
            assertThat(channel.live()).isTrue();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
