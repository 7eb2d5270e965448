package io.switchboard.gateway.store;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.gateway.store.postgres.PgContactStore;
import io.switchboard.gateway.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.TimeUnit;

/** The PostgreSQL store's customer directory and conversations pass the services contract (real server). */
class PgStoreServicesTest extends StoreServicesContract {

    private String schema;

    @Override
    @BeforeEach
    void setUp() throws Exception {
        schema = Postgres.freshSchema();
        super.setUp();
    }

    @Override
    @AfterEach
    void tearDown() throws Exception {
        super.tearDown();
        Postgres.dropSchema(schema);
    }

    @org.junit.jupiter.api.Test
    void documentsShouldBeStoredAsJsonObjectsSoSqlCanQueryThem() throws Exception {
        await(store.directory().record(new io.switchboard.spi.service.LinkRecord(null, "default", "c", null,
                java.util.List.of("a", "b"), io.switchboard.spi.contact.MatchLevel.MEDIUM, "email", "email:self-asserted",
                null, null), java.util.List.of()));
        org.assertj.core.api.Assertions.assertThat(Postgres.psql("SELECT jsonb_typeof(candidates) FROM " + schema
                + ".identity_decisions")).isEqualTo("array");
        await(store.accept(new RawPayload("r1", "ch", java.time.Instant.now(), "POST", "application/json", null,
                new io.vertx.core.json.JsonObject().put("h", "v"), io.vertx.core.buffer.Buffer.buffer("{}")),
                java.util.List.of(io.switchboard.spi.contact.Contact.builder().id("01a2-doc").channel(
                        new io.switchboard.spi.contact.ChannelRef("ch", "web-form"))
                        .kind(io.switchboard.spi.contact.ContactKind.FORM)
                        .visibility(io.switchboard.spi.contact.Visibility.PRIVATE).receivedAt(java.time.Instant.now())
                        .provider(new io.switchboard.spi.contact.ProviderRef("web", null, "e-doc", null)).build())));
        org.assertj.core.api.Assertions.assertThat(Postgres.psql("SELECT jsonb_typeof(doc) || ',' || (doc->>'id') FROM "
                + schema + ".contacts")).isEqualTo("object,01a2-doc");
        org.assertj.core.api.Assertions.assertThat(Postgres.psql("SELECT jsonb_typeof(headers) FROM " + schema
                + ".raw_payloads")).isEqualTo("object");
    }

    @Override
    ContactStore openStore() throws Exception {
        return PgContactStore.open(vertx, new StoreConfig("postgres", null, 1000, 64, 2, Postgres.config(schema)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
