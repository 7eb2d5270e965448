package io.switchboard.gateway.store;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.gateway.store.postgres.PgContactStore;
import io.switchboard.gateway.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.TimeUnit;

/** The PostgreSQL store passes the store contract, against the real server on 127.0.0.1:5432. */
class PgContactStoreTest extends ContactStoreContract {

    private String schema;

    @BeforeEach
    void schema() {
        schema = Postgres.freshSchema();
    }

    @AfterEach
    void drop() {
        Postgres.dropSchema(schema);
    }

    @Override
    ContactStore open(int maxQueue) throws Exception {
        return PgContactStore.open(vertx, new StoreConfig("postgres", null, maxQueue, 64, 2, Postgres.config(schema)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    boolean hasBoundedQueue() {
        return false;
    }
}
