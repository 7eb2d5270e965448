package io.switchboard.gateway.store;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.gateway.store.sqlite.SqliteContactStore;

/** The embedded store's customer directory and conversations pass the services contract. */
class SqliteStoreServicesTest extends StoreServicesContract {

    @Override
    ContactStore openStore() {
        return SqliteContactStore.open(vertx, new StoreConfig("embedded", dir.resolve("s.db"), 1000, 64, 2));
    }
}
