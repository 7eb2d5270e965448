package io.switchboard.gateway.channel.email;

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
class EmailChannelDocsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void docsShouldListEveryConfigKeyAsDeclared() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/channels/email.md"));
        assertThat(doc).contains(new EmailAdapterFactory().configSpec().toMarkdown());
    }

    @Test
    void exampleConfigurationShouldLoadAsLiveChannels() {
        GatewayConfig config = load(Map.of("SENDGRID_PARSE_PASSWORD", "p", "MAILGUN_SIGNING_KEY", "k"));
        ChannelConfig sendgrid = config.channels().get("support-email");
        ChannelConfig mailgun = config.channels().get("billing-email");
        assertThat(sendgrid.type()).isEqualTo(EmailAdapterFactory.TYPE);
        assertThat(sendgrid.live()).isTrue();
        assertThat(sendgrid.adapterConfig().getString("provider")).isEqualTo("sendgrid");
        assertThat(mailgun.live()).isTrue();
        assertThat(mailgun.adapterConfig().getString("provider")).isEqualTo("mailgun");
        assertThat(sendgrid.maxBodyBytes()).isEqualTo(30 * 1024 * 1024);
    }

    @Test
    void exampleChannelsShouldNotStartWithoutTheirSecrets() {
        GatewayConfig config = load(Map.of());
        assertThat(config.channels().get("support-email").live()).isFalse();
        assertThat(config.channels().get("support-email").disabledReasons().toString())
                .contains("support-email.sendgrid.password").contains("SENDGRID_PARSE_PASSWORD");
        assertThat(config.channels().get("billing-email").disabledReasons().toString())
                .contains("billing-email.mailgun.signingKey").contains("MAILGUN_SIGNING_KEY");
    }

    @Test
    void readmeShouldLinkBothChannelGuides() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("## Connect a channel").contains("### Email (SendGrid, Mailgun)")
                .contains("(docs/channels/email.md)").contains("### Any signed webhook (Standard Webhooks)")
                .contains("(docs/channels/webhook.md)");
        assertThat(Files.readString(ROOT.resolve("config/gateway.yaml"))).contains("#   type: email")
                .contains("#   type: webhook");
    }

    private static GatewayConfig load(Map<String, String> env) {
        Vertx vertx = Vertx.vertx();
        try {
            return ConfigLoader.load(vertx, ROOT.resolve("config/examples/email.yaml"), env,
                    ChannelRegistry.discover(EmailChannelDocsTest.class.getClassLoader()));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
