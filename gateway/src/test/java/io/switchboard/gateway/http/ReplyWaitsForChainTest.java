package io.switchboard.gateway.http;

import io.switchboard.gateway.Gateway;
import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.config.ConfigLoader;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A channel whose answer depends on plugin results gets the processed contact (or the stored one after the deadline). */
class ReplyWaitsForChainTest {

    /** Answers with the processing status its reply saw; waits for the chain when {@code wait} is set. */
    static final class StatusEcho implements ChannelAdapterFactory {
        @Override
        public String type() {
            return "status-echo";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public ConfigSpec configSpec() {
            return ConfigSpec.of(ConfigKey.duration("wait").defaultValue("0s").doc("How long to wait."));
        }

        @Override
        public ChannelAdapter create(ChannelInitContext ctx) {
            Duration wait = ctx.config().getDuration("wait");
            return new ChannelAdapter() {
                @Override
                public void verify(InboundRequest request) {
                }

                @Override
                public Intake parse(InboundRequest request) {
                    return Intake.of(request.newContact().kind(ContactKind.CALL).visibility(Visibility.PRIVATE)
                            .provider(new ProviderRef("t", null, request.jsonObject().getString("id"), null)).build());
                }

                @Override
                public Duration replyWaitsForChain(InboundRequest request, Intake intake) {
                    return wait;
                }

                @Override
                public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
                    return Future.succeededFuture(HttpReply.text(200, "text/plain",
                            accepted.get(0).contact().processing().status().name()));
                }
            };
        }
    }

    private static String post(Path dir, String wait, String id) throws Exception {
        ChannelRegistry reg = ChannelRegistry.of(List.of(new StatusEcho()));
        GatewayConfig cfg = ConfigLoader.parse(new JsonObject()
                .put("server", new JsonObject().put("port", 0).put("instances", 1))
                .put("admin", new JsonObject().put("port", 0))
                .put("store", new JsonObject().put("path", dir.resolve("s.db").toString()))
                .put("channels", new JsonObject().put("call", new JsonObject().put("type", "status-echo")
                        .put("wait", wait))), dir.resolve("g.yaml"), Map.of(), reg);
        Gateway gw = Gateway.start(cfg, reg, Clock.systemUTC());
        Vertx v = Vertx.vertx();
        try {
            return WebClient.create(v).post(gw.port(), "127.0.0.1", "/webhooks/call")
                    .sendJsonObject(new JsonObject().put("id", id)).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).bodyAsString();
        } finally {
            v.close();
            gw.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void replyShouldSeeTheProcessedContactWhenTheChannelWaits(@TempDir Path dir) throws Exception {
        assertThat(post(dir, "2s", "a")).isEqualTo("PROCESSED");
    }

    @Test
    void replyShouldSeeTheStoredContactByDefault(@TempDir Path dir) throws Exception {
        // No chain step to run: the contact is stored processed by the accept itself, so the reply sees it so.
        assertThat(post(dir, "0s", "b")).isEqualTo("PROCESSED");
    }
}
