package io.switchboard.gateway.store;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.gateway.internal.Ids;
import io.switchboard.gateway.store.sqlite.SqliteContactStore;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.RawRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded SQLite store passes the store contract. */
class SqliteContactStoreTest extends ContactStoreContract {

    @Override
    ContactStore open(int maxQueue) {
        return SqliteContactStore.open(vertx, new StoreConfig("embedded", dir.resolve("s.db"), maxQueue, 64, 2));
    }

    /**
     * WAL checkpoints run on a thread of their own: the database file takes in what was written long before the WAL
     * reaches the writer's own auto-checkpoint threshold.
     */
    @Test
    void theWalShouldBeCheckpointedWithoutTheWriter() throws Exception {
        ContactStore store = open(1_000);
        Path db = dir.resolve("s.db");
        long before = Files.size(db);
        List<Future<?>> writes = new ArrayList<>();
        String body = "x".repeat(4_000);
        for (int i = 0; i < 200; i++) {
            String rawId = Ids.newId();
            Contact c = Contact.builder().id(Ids.newId()).channel(new ChannelRef("ch", "web-form"))
                    .kind(ContactKind.FORM).visibility(Visibility.PRIVATE).receivedAt(Instant.now())
                    .provider(new ProviderRef("web", null, "wal-" + i, null)).content(Content.text(body))
                    .raw(new RawRef(rawId, "application/json", body.length(), "")).build();
            writes.add(store.accept(new RawPayload(rawId, "ch", Instant.now(), "POST", "application/json", null,
                    new JsonObject(), Buffer.buffer(body)), List.of(c)));
        }
        Future.all(writes).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        // ~2 MB written: some 500 pages, far below the writer's threshold of
        // SqliteContactStore.WRITER_AUTOCHECKPOINT_PAGES, so only the checkpointer can have moved them.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.size(db) < before + 1_000_000 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.size(db)).isGreaterThan(before + 1_000_000);
        store.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
