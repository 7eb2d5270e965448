package io.switchboard.gateway.http;

import io.switchboard.gateway.testing.TestGateway;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API over the customer directory and conversations: read, undo a link, resolve a conversation. */
class IdentityApiTest {

    private static final Identifier PHONE = new Identifier(Identifier.PHONE, "+447700900456");

    private static JsonObject config() {
        return new JsonObject().put("channels", new JsonObject()
                .put("web", new JsonObject().put("type", "web-form").put("perClientLimit", 0)));
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void customerShouldBeReadableWithItsIdentifiersAnd404WhenUnknown(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of())) {
            await(gw.gateway().store().directory().upsert(new CustomerRecord("default", "c-7", "Ann", "gold",
                    List.of(PHONE))));
            JsonObject c = gw.get("/api/customers/c-7").bodyAsJsonObject();
            assertThat(c.getString("tier")).isEqualTo("gold");
            assertThat(c.getJsonArray("identifiers").getJsonObject(0).getString("type")).isEqualTo("phone");
            assertThat(gw.get("/api/customers/c-7?tenant=other").statusCode()).isEqualTo(404);
            assertThat(gw.get("/api/customers/nobody").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void deletingALinkShouldUndoItAndKeepTheContact(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of())) {
            String id = gw.post("/webhooks/web", "application/json", "{\"message\":\"hello\"}").bodyAsJsonObject()
                    .getString("id");
            gw.awaitProcessed(id);
            await(gw.gateway().store().directory().upsert(new CustomerRecord("default", "c-7", "Ann", null, List.of())));
            LinkRecord link = await(gw.gateway().store().directory().record(new LinkRecord(null, "default", id, "c-7",
                    List.of(), MatchLevel.STRONG, "phone", "phone:provider", null, null), List.of(PHONE)));

            JsonObject decisions = gw.get("/api/contacts/" + id + "/identity").bodyAsJsonObject();
            assertThat(decisions.getInteger("count")).isEqualTo(1);
            assertThat(decisions.getJsonArray("decisions").getJsonObject(0).getString("kind")).isEqualTo("link");

            HttpResponse<Buffer> undo = gw.send(HttpMethod.DELETE, "/api/links/" + link.id(), Map.of(), null);
            assertThat(undo.statusCode()).isEqualTo(200);
            assertThat(undo.bodyAsJsonObject().getString("undoneAt")).isNotNull();
            assertThat(gw.get("/api/customers/c-7").bodyAsJsonObject().getJsonArray("identifiers")).isEmpty();
            assertThat(gw.get("/api/contacts/" + id).statusCode()).as("the contact is kept").isEqualTo(200);
            assertThat(gw.send(HttpMethod.DELETE, "/api/links/unknown", Map.of(), null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void deletingASuggestionShouldBeRefusedWith409(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of())) {
            LinkRecord s = await(gw.gateway().store().directory().record(new LinkRecord(null, "default", "k", null,
                    List.of("a", "b"), MatchLevel.MEDIUM, "email", "email:self-asserted", null, null), List.of()));
            HttpResponse<Buffer> r = gw.send(HttpMethod.DELETE, "/api/links/" + s.id(), Map.of(), null);
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("not-a-link");
        }
    }

    @Test
    void resolvingAConversationShouldCloseItForLaterContacts(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.start(dir, config(), Map.of())) {
            var conv = gw.gateway().store().conversations();
            String key = await(conv.join("default", "customer:c-7", "k1", "web", null, Instant.now(),
                    Duration.ofHours(72))).key();
            assertThat(gw.get("/api/conversations/" + key).bodyAsJsonObject().getString("status")).isEqualTo("open");
            HttpResponse<Buffer> r = gw.send(HttpMethod.POST, "/api/conversations/" + key + "/resolve", Map.of(), null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("resolved");
            String next = await(conv.join("default", "customer:c-7", "k2", "web", null, Instant.now(),
                    Duration.ofHours(72))).key();
            assertThat(next).isNotEqualTo(key);
            assertThat(gw.send(HttpMethod.POST, "/api/conversations/unknown/resolve", Map.of(), null).statusCode())
                    .isEqualTo(404);
        }
    }
}
