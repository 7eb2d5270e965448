package io.switchboard.gateway.store;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.gateway.store.sqlite.SqliteContactStore;

/** The embedded SQLite store passes the store contract. */
class SqliteContactStoreTest extends ContactStoreContract {

    @Override
    ContactStore open(int maxQueue) {
        return SqliteContactStore.open(vertx, new StoreConfig("embedded", dir.resolve("s.db"), maxQueue, 64, 2));
    }
}
