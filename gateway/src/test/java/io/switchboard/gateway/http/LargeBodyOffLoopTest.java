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
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Large bodies are verified and parsed on the worker pool, never on an event loop; small ones stay inline. */
class LargeBodyOffLoopTest {

    /** Where verify and parse ran, by event id; and a gate that can hold parsing. */
    static final Map<String, Boolean> ON_EVENT_LOOP = new ConcurrentHashMap<>();
    static volatile CountDownLatch gate = new CountDownLatch(0);

    /** A channel type whose adapter records which thread verified and parsed each request. */
    static final class RecordingFactory implements ChannelAdapterFactory {
        @Override
        public String type() {
            return "test-recording";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public ConfigSpec configSpec() {
            return ConfigSpec.of();
        }

        @Override
        public ChannelAdapter create(ChannelInitContext ctx) {
            return new ChannelAdapter() {
                @Override
                public void verify(InboundRequest request) {
                    // nothing to check: the test records where parse runs
                }

                @Override
                public Intake parse(InboundRequest request) {
                    String id = request.headers().get("X-Event");
                    ON_EVENT_LOOP.put(id, io.vertx.core.Context.isOnEventLoopThread());
                    try {
                        gate.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Intake.of(request.newContact().kind(ContactKind.MESSAGE).visibility(Visibility.PRIVATE)
                            .provider(new ProviderRef("test", null, id, null)).build());
                }

                @Override
                public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
                    return Future.succeededFuture(HttpReply.empty(200));
                }
            };
        }
    }

    private static final ChannelRegistry REGISTRY = ChannelRegistry.of(List.of(new RecordingFactory()));

    private static HttpResponse<Buffer> post(WebClient client, Gateway gw, String event, int size) throws Exception {
        return client.post(gw.port(), "127.0.0.1", "/webhooks/rec").putHeader("X-Event", event)
                .sendBuffer(Buffer.buffer("x".repeat(size))).toCompletionStage().toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }

    private static Gateway start(Path dir, int maxQueued) throws Exception {
        GatewayConfig cfg = ConfigLoader.parse(new JsonObject()
                .put("server", new JsonObject().put("port", 0).put("instances", 1).put("workerParseBytes", 4096)
                        .put("workerParseMaxQueued", maxQueued))
                .put("admin", new JsonObject().put("port", 0))
                .put("store", new JsonObject().put("path", dir.resolve("s.db").toString()))
                .put("channels", new JsonObject().put("rec", new JsonObject().put("type", "test-recording"))),
                dir.resolve("gateway.yaml"), Map.of(), REGISTRY);
        return Gateway.start(cfg, REGISTRY, Clock.systemUTC());
    }

    @Test
    void largeBodiesShouldBeParsedOnTheWorkerPoolAndSmallOnesInline(@TempDir Path dir) throws Exception {
        Gateway gw = start(dir, 64);
        Vertx v = Vertx.vertx();
        WebClient client = WebClient.create(v);
        try {
            assertThat(post(client, gw, "small", 100).statusCode()).isEqualTo(200);
            assertThat(post(client, gw, "large", 10_000).statusCode()).isEqualTo(200);
            assertThat(ON_EVENT_LOOP).containsEntry("small", true).containsEntry("large", false);
        } finally {
            client.close();
            v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            gw.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullParseQueueShouldAnswer503WithRetryAfterAndStoreNothing(@TempDir Path dir) throws Exception {
        Gateway gw = start(dir, 1);
        Vertx v = Vertx.vertx();
        WebClient client = WebClient.create(v);
        gate = new CountDownLatch(1);
        try {
            Future<HttpResponse<Buffer>> held = client.post(gw.port(), "127.0.0.1", "/webhooks/rec")
                    .putHeader("X-Event", "held").sendBuffer(Buffer.buffer("x".repeat(10_000)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ON_EVENT_LOOP.containsKey("held") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            HttpResponse<Buffer> refused = post(client, gw, "refused", 10_000);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
            gate.countDown();
            assertThat(held.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).statusCode())
                    .isEqualTo(200);
            assertThat(ON_EVENT_LOOP).doesNotContainKey("refused");
            assertThat(gw.store().list(new io.switchboard.gateway.store.ContactQuery(null, null, "refused", null, null,
                    10)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEmpty();
        } finally {
            gate.countDown();
            client.close();
            v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            gw.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
