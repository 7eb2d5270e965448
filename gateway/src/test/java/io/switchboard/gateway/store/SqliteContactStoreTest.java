package io.switchboard.gateway.store;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.gateway.internal.Ids;
import io.switchboard.gateway.store.sqlite.SqliteContactStore;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.Processing;
import io.switchboard.spi.contact.ProcessingStatus;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.RawRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteContactStoreTest {

    @TempDir
    Path dir;
    Vertx vertx;

    @BeforeEach
    void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private SqliteContactStore open(int maxQueue) {
        return SqliteContactStore.open(vertx, new StoreConfig("embedded", dir.resolve("s.db"), maxQueue, 64, 2));
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static RawPayload raw(String id) {
        return new RawPayload(id, "ch", Instant.now(), "POST", "application/json", null, new JsonObject(),
                Buffer.buffer("{\"raw\":true}"));
    }

    private static Contact contact(String eventId, String rawId) {
        return Contact.builder().id(Ids.newId()).channel(new ChannelRef("ch", "web-form")).kind(ContactKind.FORM)
                .visibility(Visibility.PRIVATE).receivedAt(Instant.now())
                .provider(new ProviderRef("web", null, eventId, null)).content(Content.text("t-" + eventId))
                .raw(new RawRef(rawId, "application/json", 12, "")).build();
    }

    @Test
    void retryOfAStoredEventShouldComeBackAsADuplicateWithTheFirstId() throws Exception {
        SqliteContactStore store = open(100);
        String rawA = Ids.newId();
        Contact first = contact("evt-1", rawA);
        List<Accepted> a = await(store.accept(raw(rawA), List.of(first)));
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.duplicate()).isFalse();
            assertThat(x.storedId()).isEqualTo(first.id());
        });
        String rawB = Ids.newId();
        List<Accepted> b = await(store.accept(raw(rawB), List.of(contact("evt-1", rawB))));
        assertThat(b).singleElement().satisfies(x -> {
            assertThat(x.duplicate()).isTrue();
            assertThat(x.storedId()).isEqualTo(first.id());
        });
        assertThat(await(store.raw(rawB))).as("a request of only duplicates stores no raw payload").isNull();
        assertThat(await(store.raw(rawA)).body().toString()).isEqualTo("{\"raw\":true}");
        await(store.close());
    }

    @Test
    void batchWithNewAndDuplicateEventsShouldStoreOnlyTheNewOnes() throws Exception {
        SqliteContactStore store = open(100);
        String r1 = Ids.newId();
        await(store.accept(raw(r1), List.of(contact("a", r1))));
        String r2 = Ids.newId();
        List<Accepted> res = await(store.accept(raw(r2), List.of(contact("a", r2), contact("b", r2), contact("b", r2))));
        assertThat(res).extracting(Accepted::duplicate).containsExactly(true, false, true);
        assertThat(await(store.list(new ContactQuery("ch", null, null, null, null, 100)))).hasSize(2);
        await(store.close());
    }

    @Test
    void concurrentWritesShouldAllBeDurableAfterReopening() throws Exception {
        SqliteContactStore store = open(10_000);
        List<Future<List<Accepted>>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String r = Ids.newId();
            futures.add(store.accept(raw(r), List.of(contact("e" + i, r))));
        }
        await(Future.all(futures));
        await(store.close());
        SqliteContactStore again = open(100);
        assertThat(await(again.list(new ContactQuery("ch", null, null, null, null, 1000)))).hasSize(1000);
        assertThat(await(again.list(new ContactQuery(null, null, "e1999", null, null, 10)))).hasSize(1);
        assertThat(await(again.unfinished(null, 5000))).hasSize(2000);
        await(again.close());
    }

    @Test
    void updateShouldReplaceTheProcessingState() throws Exception {
        SqliteContactStore store = open(100);
        String r = Ids.newId();
        Contact c = contact("u", r);
        await(store.accept(raw(r), List.of(c)));
        await(store.update(c.toBuilder().processing(new Processing(ProcessingStatus.PROCESSED, "default", null, null,
                List.of())).tag("done").build()));
        Contact back = await(store.get(c.id()));
        assertThat(back.processing().status()).isEqualTo(ProcessingStatus.PROCESSED);
        assertThat(back.tags()).containsExactly("done");
        assertThat(await(store.unfinished(null, 10))).isEmpty();
        await(store.close());
    }

    @Test
    void updateOfAnUnknownContactShouldFail() throws Exception {
        SqliteContactStore store = open(100);
        assertThatThrownBy(() -> await(store.update(contact("ghost", "r")))).hasCauseInstanceOf(StoreException.class);
        await(store.close());
    }

    @Test
    void fullWriteQueueShouldFailFastAsOverloaded() throws Exception {
        SqliteContactStore store = open(1);
        List<Future<List<Accepted>>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String r = Ids.newId();
            futures.add(store.accept(raw(r), List.of(contact("o" + i, r))));
        }
        await(Future.join(futures).otherwiseEmpty());
        long overloaded = futures.stream().filter(Future::failed)
                .filter(f -> f.cause() instanceof StoreException s && s.reason().equals("store-overloaded")).count();
        long stored = futures.stream().filter(Future::succeeded).count();
        assertThat(overloaded).isPositive();
        assertThat(stored + overloaded).isEqualTo(500);
        assertThat(await(store.list(new ContactQuery("ch", null, null, null, null, 1000)))).hasSize((int) stored);
        await(store.close());
    }

    @Test
    void closedStoreShouldRefuseWrites() throws Exception {
        SqliteContactStore store = open(100);
        await(store.close());
        assertThatThrownBy(() -> await(store.accept(raw("r"), List.of(contact("x", "r")))))
                .hasCauseInstanceOf(StoreException.class);
    }
}
