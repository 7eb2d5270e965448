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

    /**
     * Group commit with a commit delay: writes arriving one at a time, faster than the writer commits, share
     * transactions (and fsyncs); a lone write is not held back.
     */
    @Test
    void writesArrivingTogetherShouldShareCommitsAndALoneWriteShouldNotWait() throws Exception {
        SqliteContactStore store = SqliteContactStore.open(vertx, new StoreConfig("embedded", dir.resolve("d.db"),
                10_000, 512, 2, java.time.Duration.ofMillis(100)));
        // One at a time, each waited for: every batch holds one write, so none is delayed by the 100 ms.
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            accept(store, "lone-" + i).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertThat(store.commits()).isEqualTo(10);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("ten lone writes, had each waited for the commit delay they would take a second")
                .isLessThan(1_000);
        // A stream from concurrent clients, two writes every 0.5 ms for 0.1 s: once a batch has held more than
        // one, they share about one commit per 100 ms window (without the delay, about one per 0.5 ms tick).
        long commitsBefore = store.commits();
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 400; i += 2) {
            writes.add(accept(store, "stream-" + i));
            writes.add(accept(store, "stream-" + (i + 1)));
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
        }
        Future.all(writes).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        long commits = store.commits() - commitsBefore;
        assertThat(commits).as("commits for 400 streamed writes").isLessThanOrEqualTo(40);
        assertThat(store.committedWrites()).isEqualTo(410);
        store.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Future<List<io.switchboard.spi.channel.Accepted>> accept(ContactStore store, String eventId) {
        String rawId = Ids.newId();
        Contact c = Contact.builder().id(Ids.newId()).channel(new ChannelRef("ch", "web-form"))
                .kind(ContactKind.FORM).visibility(Visibility.PRIVATE).receivedAt(Instant.now())
                .provider(new ProviderRef("web", null, eventId, null)).content(Content.text("hello"))
                .raw(new RawRef(rawId, "application/json", 5, "")).build();
        return store.accept(new RawPayload(rawId, "ch", Instant.now(), "POST", "application/json", null,
                new JsonObject(), Buffer.buffer("hello")), List.of(c));
    }
}
