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

    @Override
    ContactStore openStore() throws Exception {
        return PgContactStore.open(vertx, new StoreConfig("postgres", null, 1000, 64, 2, Postgres.config(schema)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
