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

/**
 * The behaviour every {@link ContactStore} must have. Each implementation runs it through a subclass that
 * says how to open a store (and re-open the same one, to check durability).
 */
abstract class ContactStoreContract {

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

    /**
     * Opens the store under test; called again in one test to re-open the same data.
     *
     * @param maxQueue the write queue bound (or connection wait queue)
     * @return the store
     * @throws Exception when it cannot open
     */
    abstract ContactStore open(int maxQueue) throws Exception;

    /** @return whether the store fails fast when its queue is full (the embedded one does) */
    boolean hasBoundedQueue() {
        return true;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static RawPayload raw(String id) {
        return new RawPayload(id, "ch", Instant.now(), "POST", "application/json", null, new JsonObject(),
                Buffer.buffer("{\"raw\":true}"));
    }

    private static Contact contact(String eventId, String rawId) {
        return contact("ch", eventId, rawId);
    }

    private static Contact contact(String channel, String eventId, String rawId) {
        return Contact.builder().id(Ids.newId()).channel(new ChannelRef(channel, "web-form")).kind(ContactKind.FORM)
                .visibility(Visibility.PRIVATE).receivedAt(Instant.now())
                .provider(new ProviderRef("web", null, eventId, null)).content(Content.text("t-" + eventId))
                .raw(new RawRef(rawId, "application/json", 12, "")).build();
    }

    /** Provider event ids are unique per channel only: a lookup by event id alone finds it on every channel. */
    @Test
    void aListingByEventIdShouldFindTheEventOnEveryChannelAndOnlyThere() throws Exception {
        ContactStore store = open(100);
        for (String channel : List.of("ch-a", "ch-b", "ch-c")) {
            String rawId = Ids.newId();
            await(store.accept(raw(rawId), List.of(contact(channel, "shared-event", rawId))));
            String other = Ids.newId();
            await(store.accept(raw(other), List.of(contact(channel, "other-" + channel, other))));
        }
        assertThat(await(store.list(new ContactQuery(null, null, "shared-event", null, null, 10))))
                .extracting(c -> c.channel().id()).containsExactlyInAnyOrder("ch-a", "ch-b", "ch-c");
        assertThat(await(store.list(new ContactQuery("ch-b", null, "shared-event", null, null, 10))))
                .extracting(c -> c.channel().id()).containsExactly("ch-b");
        assertThat(await(store.list(new ContactQuery(null, null, "other-ch-c", null, null, 10))))
                .extracting(c -> c.provider().eventId()).containsExactly("other-ch-c");
        assertThat(await(store.list(new ContactQuery(null, null, "never-sent", null, null, 10)))).isEmpty();
        await(store.close());
    }

    @Test
    void retryOfAStoredEventShouldComeBackAsADuplicateWithTheFirstId() throws Exception {
        ContactStore store = open(100);
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
        ContactStore store = open(100);
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
        ContactStore store = open(10_000);
        List<Future<List<Accepted>>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String r = Ids.newId();
            futures.add(store.accept(raw(r), List.of(contact("e" + i, r))));
        }
        await(Future.all(futures));
        await(store.close());
        ContactStore again = open(100);
        assertThat(await(again.list(new ContactQuery("ch", null, null, null, null, 1000)))).hasSize(1000);
        assertThat(await(again.list(new ContactQuery(null, null, "e1999", null, null, 10)))).hasSize(1);
        assertThat(await(again.unfinished(null, null, 5000))).hasSize(2000);
        await(again.close());
    }

    @Test
    void updateShouldReplaceTheProcessingState() throws Exception {
        ContactStore store = open(100);
        String r = Ids.newId();
        Contact c = contact("u", r);
        await(store.accept(raw(r), List.of(c)));
        await(store.update(c.toBuilder().processing(new Processing(ProcessingStatus.PROCESSED, "default", null, null,
                List.of())).tag("done").build()));
        Contact back = await(store.get(c.id()));
        assertThat(back.processing().status()).isEqualTo(ProcessingStatus.PROCESSED);
        assertThat(back.tags()).containsExactly("done");
        assertThat(await(store.unfinished(null, null, 10))).isEmpty();
        await(store.close());
    }

    @Test
    void updateOfAnUnknownContactShouldFail() throws Exception {
        ContactStore store = open(100);
        assertThatThrownBy(() -> await(store.update(contact("ghost", "r")))).hasCauseInstanceOf(StoreException.class);
        await(store.close());
    }

    @Test
    void fullWriteQueueShouldFailFastAsOverloaded() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasBoundedQueue());
        ContactStore store = open(1);
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
        ContactStore store = open(100);
        await(store.close());
        assertThatThrownBy(() -> await(store.accept(raw("r"), List.of(contact("x", "r")))))
                .hasCauseInstanceOf(StoreException.class);
    }

    @Test
    void completeShouldCreateOneDeliveryPerSinkOnlyOnce() throws Exception {
        ContactStore store = open(100);
        String r = Ids.newId();
        Contact c = contact("d1", r);
        await(store.accept(raw(r), List.of(c)));
        Contact done = c.toBuilder().processing(new Processing(ProcessingStatus.PROCESSED, "default", null, null,
                List.of())).build();
        await(store.complete(done, List.of("crm", "kafka")));
        await(store.complete(done, List.of("crm", "kafka")));
        assertThat(await(store.deliveries(c.id()))).extracting(DeliveryState::sink, DeliveryState::state)
                .containsExactly(org.assertj.core.api.Assertions.tuple("crm", "pending"),
                        org.assertj.core.api.Assertions.tuple("kafka", "pending"));
        assertThat(await(store.pendingDeliveries())).isEqualTo(2L);
        await(store.close());
    }

    @Test
    void acceptProcessedShouldStoreContactsProcessedWithTheirDeliveriesAndDuplicatesWithNone() throws Exception {
        ContactStore store = open(100);
        String r1 = Ids.newId();
        Contact first = contact("p1", r1);
        List<Accepted> a = await(store.acceptProcessed(raw(r1), List.of(first), List.of(processed(first)),
                List.of(List.of("crm", "kafka"))));
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.duplicate()).isFalse();
            assertThat(x.storedId()).isEqualTo(first.id());
            assertThat(x.contact().processing().status()).isEqualTo(ProcessingStatus.PROCESSED);
        });
        assertThat(await(store.get(first.id())).processing().status()).isEqualTo(ProcessingStatus.PROCESSED);
        assertThat(await(store.unfinished(null, Instant.now().plusSeconds(1), 10))).as("nothing left to process").isEmpty();
        assertThat(await(store.deliveries(first.id()))).extracting(DeliveryState::sink).containsExactly("crm", "kafka");
        assertThat(await(store.raw(r1)).body().toString()).isEqualTo("{\"raw\":true}");

        // A retry of the same event, and a new event, in one request: the retry is a duplicate and gets no
        // second delivery; the new one is stored processed with its own.
        String r2 = Ids.newId();
        Contact retry = contact("p1", r2);
        Contact other = contact("p2", r2);
        List<Accepted> b = await(store.acceptProcessed(raw(r2), List.of(retry, other),
                List.of(processed(retry), processed(other)), List.of(List.of("crm", "kafka"), List.of("crm"))));
        assertThat(b).extracting(Accepted::duplicate).containsExactly(true, false);
        assertThat(b.get(0).storedId()).isEqualTo(first.id());
        assertThat(await(store.deliveries(first.id()))).hasSize(2);
        assertThat(await(store.deliveries(other.id()))).extracting(DeliveryState::sink).containsExactly("crm");
        assertThat(await(store.pendingDeliveries())).isEqualTo(3L);
        await(store.close());
    }

    @Test
    void claimedDeliveriesShouldNotBeClaimedAgainUntilTheLeaseExpires() throws Exception {
        ContactStore store = open(100);
        for (int i = 0; i < 3; i++) {
            String r = Ids.newId();
            Contact c = contact("c" + i, r);
            await(store.accept(raw(r), List.of(c)));
            await(store.complete(processed(c), List.of("crm")));
        }
        Instant now = Instant.now();
        List<OutboxEntry> first = await(store.claim("crm", 2, false, now, java.time.Duration.ofSeconds(30)));
        assertThat(first).hasSize(2);
        List<OutboxEntry> second = await(store.claim("crm", 10, false, now, java.time.Duration.ofSeconds(30)));
        assertThat(second).hasSize(1);
        assertThat(await(store.claim("crm", 10, false, now, java.time.Duration.ofSeconds(30)))).isEmpty();
        assertThat(await(store.claim("crm", 10, false, now.plusSeconds(31), java.time.Duration.ofSeconds(30))))
                .hasSize(3);
        await(store.close());
    }

    @Test
    void outcomesShouldMoveDeliveriesToTheirStates() throws Exception {
        ContactStore store = open(100);
        List<Contact> cs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String r = Ids.newId();
            Contact c = contact("o" + i, r);
            await(store.accept(raw(r), List.of(c)));
            await(store.complete(processed(c), List.of("crm")));
            cs.add(c);
        }
        Instant now = Instant.now();
        List<OutboxEntry> claimed = await(store.claim("crm", 10, false, now, java.time.Duration.ofSeconds(30)));
        assertThat(claimed).extracting(e -> e.contact().id()).containsExactly(cs.get(0).id(), cs.get(1).id(), cs.get(2).id());
        await(store.recordOutcomes(List.of(
                new DeliveryOutcome(claimed.get(0).id(), DeliveryState.DELIVERED, 1, null, null, "T-9"),
                new DeliveryOutcome(claimed.get(1).id(), DeliveryState.PENDING, 1, now.plusSeconds(60), "http 503", null),
                new DeliveryOutcome(claimed.get(2).id(), DeliveryState.DEAD, 1, null, "permanent: http 400", null)), now));
        assertThat(await(store.deliveries(cs.get(0).id())).get(0).externalRef()).isEqualTo("T-9");
        assertThat(await(store.claim("crm", 10, false, now, java.time.Duration.ofSeconds(30)))).isEmpty();
        assertThat(await(store.claim("crm", 10, false, now.plusSeconds(61), java.time.Duration.ofSeconds(30))))
                .extracting(OutboxEntry::attempts).containsExactly(1);
        List<DeliveryState> dead = await(store.deadLetters("crm", null, null, null, 10));
        assertThat(dead).singleElement().satisfies(d -> assertThat(d.lastError()).isEqualTo("permanent: http 400"));
        assertThat(await(store.replay(dead.get(0).id(), null, null, null, now))).isEqualTo(1);
        assertThat(await(store.replay(dead.get(0).id(), null, null, null, now))).isZero();
        assertThat(await(store.deadLetters(null, null, null, null, 10))).isEmpty();
        await(store.close());
    }

    @Test
    void orderedClaimsShouldHoldBackLaterContactsOfTheSameKey() throws Exception {
        ContactStore store = open(100);
        List<Contact> cs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String r = Ids.newId();
            Contact c = contact("k" + i, r).toBuilder().conversationKey(i < 2 ? "conv-A" : "conv-B").build();
            await(store.accept(raw(r), List.of(c)));
            cs.add(c);
        }
        for (int i = 2; i >= 0; i--) {
            await(store.complete(processed(cs.get(i)), List.of("kafka")));
        }
        Instant now = Instant.now();
        List<OutboxEntry> heads = await(store.claim("kafka", 10, true, now, java.time.Duration.ofSeconds(30)));
        assertThat(heads).extracting(e -> e.contact().id()).containsExactly(cs.get(0).id(), cs.get(2).id());
        assertThat(await(store.claim("kafka", 10, true, now, java.time.Duration.ofSeconds(30)))).isEmpty();
        await(store.recordOutcomes(List.of(new DeliveryOutcome(heads.get(0).id(), DeliveryState.DELIVERED, 1, null,
                null, null)), now));
        assertThat(await(store.claim("kafka", 10, true, now, java.time.Duration.ofSeconds(30))))
                .extracting(e -> e.contact().id()).containsExactly(cs.get(1).id());
        await(store.close());
    }

    @Test
    void unfinishedShouldLeaveYoungContactsAlone() throws Exception {
        ContactStore store = open(100);
        String r = Ids.newId();
        await(store.accept(raw(r), List.of(contact("young", r))));
        assertThat(await(store.unfinished(null, Instant.now().minusSeconds(5), 10))).isEmpty();
        assertThat(await(store.unfinished(null, Instant.now().plusSeconds(1), 10))).hasSize(1);
        await(store.close());
    }

    private static Contact parked(Contact c, String chain, String step) {
        return c.toBuilder().processing(new Processing(ProcessingStatus.PARKED, chain, step, null,
                List.of(new io.switchboard.spi.contact.StepNote("earlier", "timeout")))).build();
    }

    @Test
    void parkedContactsShouldBeFoundByChainAndStepOldestFirst() throws Exception {
        ContactStore store = open(100);
        List<Contact> cs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String r = Ids.newId();
            Contact c = contact("p" + i, r);
            await(store.accept(raw(r), List.of(c)));
            cs.add(c);
        }
        await(store.complete(parked(cs.get(0), "default", "crm"), List.of()));
        await(store.complete(parked(cs.get(1), "default", "hours"), List.of()));
        await(store.complete(parked(cs.get(2), "web", "crm"), List.of()));
        await(store.complete(parked(cs.get(3), "default", "crm"), List.of()));
        await(store.complete(processed(cs.get(4)), List.of()));
        assertThat(await(store.parked("default", "crm", null, 10))).extracting(Contact::id)
                .containsExactly(cs.get(0).id(), cs.get(3).id());
        assertThat(await(store.parked("default", "crm", cs.get(0).id(), 10))).extracting(Contact::id)
                .containsExactly(cs.get(3).id());
        assertThat(await(store.parked("default", "crm", null, 1))).hasSize(1);
        assertThat(await(store.parked(null, null, null, 10))).hasSize(4);
        assertThat(await(store.parked(null, "crm", null, 10))).hasSize(3);
        Contact back = await(store.parked("web", "crm", null, 10)).get(0);
        assertThat(back.processing().nextStep()).isEqualTo("crm");
        assertThat(back.processing().skipped()).extracting(n -> n.reason()).containsExactly("timeout");
        assertThat(await(store.unfinished(null, null, 10))).as("parked is not unfinished").isEmpty();
        await(store.close());
    }

    @Test
    void parkedContactShouldStayParkedAcrossReopeningUntilCompleted() throws Exception {
        ContactStore store = open(100);
        String r = Ids.newId();
        Contact c = contact("durable-park", r);
        await(store.accept(raw(r), List.of(c)));
        await(store.complete(parked(c, "default", "crm"), List.of()));
        await(store.close());
        ContactStore again = open(100);
        assertThat(await(again.parked("default", "crm", null, 10))).extracting(Contact::id).containsExactly(c.id());
        await(again.complete(processed(c), List.of()));
        assertThat(await(again.parked(null, null, null, 10))).isEmpty();
        await(again.close());
    }

    private static Contact processed(Contact c) {
        return c.toBuilder().processing(new Processing(ProcessingStatus.PROCESSED, "default", null, null, List.of()))
                .build();
    }
}
