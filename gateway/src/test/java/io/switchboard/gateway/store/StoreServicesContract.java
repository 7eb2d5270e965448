package io.switchboard.gateway.store;

import io.switchboard.gateway.internal.Ids;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.Processing;
import io.switchboard.spi.contact.ProcessingStatus;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.Visibility;
import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.Conversations;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer directory and conversations every {@link ContactStore} offers plugins. Each store runs it through
 * a subclass that says how to open it (and re-open the same data).
 */
abstract class StoreServicesContract {

    private static final Identifier PHONE = new Identifier(Identifier.PHONE, "+447700900123");
    private static final Identifier EMAIL = new Identifier(Identifier.EMAIL, "jane@example.com");
    private static final Identifier X_USER = new Identifier(Identifier.PROVIDER_USER, "x:acme:1234567");
    private static final Duration WINDOW = Duration.ofHours(72);
    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    @TempDir
    Path dir;
    Vertx vertx;
    ContactStore store;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        store = openStore();
    }

    @AfterEach
    void tearDown() throws Exception {
        await(store.close());
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * @return the store under test (called again to re-open the same data)
     * @throws Exception when it cannot open
     */
    abstract ContactStore openStore() throws Exception;

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static CustomerRecord customer(String tenant, String id, Identifier... ids) {
        return new CustomerRecord(tenant, id, "Name " + id, "gold", List.of(ids));
    }

    private static LinkRecord link(String contactId, String customerId) {
        return new LinkRecord(null, "default", contactId, customerId, List.of(), MatchLevel.STRONG, Identifier.PHONE,
                "phone:provider", null, null);
    }

    // ------------------------------------------------------------------ directory

    @Test
    void seededCustomerShouldBeFoundByEachOfItsIdentifiers() throws Exception {
        await(store.directory().upsert(customer("default", "c-1", PHONE, EMAIL)));
        assertThat(await(store.directory().findByIdentifier("default", PHONE))).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("c-1");
            assertThat(c.tier()).isEqualTo("gold");
            assertThat(c.identifiers()).containsExactlyInAnyOrder(PHONE, EMAIL);
        });
        assertThat(await(store.directory().findByIdentifier("default", EMAIL))).extracting(CustomerRecord::id)
                .containsExactly("c-1");
        assertThat(await(store.directory().findByIdentifier("default", X_USER))).isEmpty();
        assertThat(await(store.directory().get("default", "c-1")).name()).isEqualTo("Name c-1");
        assertThat(await(store.directory().get("default", "nobody"))).isNull();
    }

    @Test
    void customersShouldNeverBeFoundFromAnotherTenant() throws Exception {
        await(store.directory().upsert(customer("acme", "c-1", PHONE)));
        assertThat(await(store.directory().findByIdentifier("globex", PHONE))).isEmpty();
        assertThat(await(store.directory().get("globex", "c-1"))).isNull();
    }

    @Test
    void anIdentifierSharedByTwoCustomersShouldReturnBoth() throws Exception {
        await(store.directory().upsert(customer("default", "c-1", PHONE)));
        await(store.directory().upsert(customer("default", "c-2", PHONE)));
        assertThat(await(store.directory().findByIdentifier("default", PHONE))).extracting(CustomerRecord::id)
                .containsExactly("c-1", "c-2");
    }

    @Test
    void reseedingShouldReplaceSeededIdentifiersButKeepLinkedOnes() throws Exception {
        await(store.directory().upsert(customer("default", "c-1", PHONE, EMAIL)));
        await(store.directory().record(link("contact-1", "c-1"), List.of(X_USER)));
        await(store.directory().upsert(customer("default", "c-1", PHONE)));
        assertThat(await(store.directory().get("default", "c-1")).identifiers()).containsExactlyInAnyOrder(PHONE, X_USER);
    }

    @Test
    void aLinkShouldAttachItsIdentifiersAndBeListedForTheContact() throws Exception {
        await(store.directory().upsert(customer("default", "c-1", PHONE)));
        LinkRecord rec = await(store.directory().record(link("contact-1", "c-1"), List.of(PHONE, X_USER)));
        assertThat(rec.id()).isNotBlank();
        assertThat(rec.createdAt()).isNotNull();
        assertThat(await(store.directory().findByIdentifier("default", X_USER))).extracting(CustomerRecord::id)
                .containsExactly("c-1");
        LinkRecord suggestion = await(store.directory().record(new LinkRecord(null, "default", "contact-1", null,
                List.of("c-1", "c-2"), MatchLevel.MEDIUM, Identifier.EMAIL, "email:self-asserted", null, null),
                List.of(EMAIL)));
        assertThat(suggestion.isLink()).isFalse();
        assertThat(await(store.directory().findByIdentifier("default", EMAIL))).as("a suggestion attaches nothing").isEmpty();
        assertThat(await(store.directory().decisionsFor("default", "contact-1"))).extracting(LinkRecord::id)
                .containsExactly(suggestion.id(), rec.id());
        assertThat(await(store.directory().decisionsFor("default", "contact-1")).get(0).candidates())
                .containsExactly("c-1", "c-2");
    }

    @Test
    void recordingTheSameDecisionTwiceShouldKeepOne() throws Exception {
        LinkRecord withId = new LinkRecord(Ids.newId(), "default", "contact-1", "c-1", List.of(), MatchLevel.STRONG,
                Identifier.PHONE, "phone:provider", Instant.now(), null);
        await(store.directory().record(withId, List.of(PHONE)));
        await(store.directory().record(withId, List.of(PHONE)));
        assertThat(await(store.directory().decisionsFor("default", "contact-1"))).hasSize(1);
    }

    @Test
    void undoingALinkShouldRemoveOnlyWhatItAttachedAndKeepTheContact() throws Exception {
        await(store.directory().upsert(customer("default", "c-1", PHONE)));
        Contact contact = storedContact("evt-undo");
        LinkRecord rec = await(store.directory().record(link(contact.id(), "c-1"), List.of(PHONE, X_USER)));
        await(store.complete(contact.toBuilder().customer(new CustomerMatch("c-1", Identifier.PHONE, MatchLevel.STRONG,
                0.95, true, List.of())).processing(new Processing(ProcessingStatus.PROCESSED, "default", null, null,
                List.of())).build(), List.of()));

        LinkRecord undone = await(store.directory().undo(rec.id(), T0));
        assertThat(undone.undoneAt()).isEqualTo(T0);
        assertThat(await(store.directory().get("default", "c-1")).identifiers())
                .as("the seeded phone stays, the linked X id goes").containsExactly(PHONE);
        Contact after = await(store.get(contact.id()));
        assertThat(after).as("the contact is kept").isNotNull();
        assertThat(after.customer().customerId()).isNull();
        assertThat(after.customer().linked()).isFalse();
        assertThat(after.customer().candidates()).containsExactly("c-1");
        assertThat(await(store.directory().decision(rec.id())).undoneAt()).isEqualTo(T0);
        assertThat(await(store.directory().undo(rec.id(), T0.plusSeconds(5))).undoneAt())
                .as("undoing twice changes nothing").isEqualTo(T0);
        assertThat(await(store.directory().undo("no-such-link", T0))).isNull();
    }

    @Test
    void directoryShouldSurviveAReopen() throws Exception {
        await(store.directory().upsert(customer("default", "c-1", PHONE)));
        await(store.directory().record(link("contact-1", "c-1"), List.of(X_USER)));
        await(store.close());
        store = openStore();
        assertThat(await(store.directory().findByIdentifier("default", X_USER))).extracting(CustomerRecord::id)
                .containsExactly("c-1");
        assertThat(await(store.directory().decisionsFor("default", "contact-1"))).hasSize(1);
    }

    private Contact storedContact(String eventId) throws Exception {
        Contact c = Contact.builder().id(Ids.newId()).channel(new ChannelRef("ch", "web-form")).kind(ContactKind.FORM)
                .visibility(Visibility.PRIVATE).receivedAt(Instant.now())
                .provider(new ProviderRef("web", null, eventId, null)).build();
        String rawId = Ids.newId();
        await(store.accept(new RawPayload(rawId, "ch", Instant.now(), "POST", "application/json", null,
                new JsonObject(), Buffer.buffer("{}")), List.of(c)));
        return c;
    }

    // ------------------------------------------------------------------ conversations

    private Conversations conversations() {
        return store.conversations();
    }

    @Test
    void contactsOfOnePartyWithinTheWindowShouldJoinOneConversationAcrossChannels() throws Exception {
        ConversationRecord tweet = await(conversations().join("default", "customer:c-1", "k1", "acme-x", "tw-1",
                T0, WINDOW));
        ConversationRecord dm = await(conversations().join("default", "customer:c-1", "k2", "acme-x", "dm-9",
                T0.plus(Duration.ofHours(2)), WINDOW));
        ConversationRecord call = await(conversations().join("default", "customer:c-1", "k3", "acme-voice", "CA1",
                T0.plus(Duration.ofHours(70)), WINDOW));
        assertThat(dm.key()).isEqualTo(tweet.key());
        assertThat(call.key()).isEqualTo(tweet.key());
        assertThat(call.contactCount()).isEqualTo(3);
        assertThat(call.channels()).isEqualTo(2);
        assertThat(call.openedAt()).isEqualTo(T0);
        assertThat(call.lastContactAt()).isEqualTo(T0.plus(Duration.ofHours(70)));
        assertThat(call.partyKey()).isEqualTo("customer:c-1");
        assertThat(await(conversations().byThread("default", "acme-voice", "CA1")).key()).isEqualTo(tweet.key());
        assertThat(await(conversations().byThread("default", "acme-x", "tw-1")).key()).isEqualTo(tweet.key());
        assertThat(await(conversations().byThread("default", "acme-x", "unknown"))).isNull();
    }

    @Test
    void aContactAfterTheWindowShouldOpenANewConversation() throws Exception {
        ConversationRecord first = await(conversations().join("default", "p", "k1", "ch", null, T0, WINDOW));
        ConversationRecord later = await(conversations().join("default", "p", "k2", "ch", null,
                T0.plus(WINDOW).plusSeconds(1), WINDOW));
        assertThat(later.key()).isNotEqualTo(first.key());
        assertThat(later.contactCount()).isEqualTo(1);
    }

    @Test
    void aResolvedConversationShouldNotBeReopened() throws Exception {
        ConversationRecord first = await(conversations().join("default", "p", "k1", "ch", "th", T0, WINDOW));
        assertThat(await(conversations().resolve("default", first.key()))).isTrue();
        assertThat(await(conversations().resolve("default", first.key()))).as("already resolved").isFalse();
        assertThat(await(conversations().get("default", first.key())).resolvedAt()).isNotNull();
        ConversationRecord next = await(conversations().join("default", "p", "k2", "ch", "th", T0.plusSeconds(60),
                WINDOW));
        assertThat(next.key()).isNotEqualTo(first.key());
        assertThat(next.resolvedAt()).isNull();
        assertThat(await(conversations().byThread("default", "ch", "th")).key())
                .as("the thread now belongs to the new conversation").isEqualTo(next.key());
    }

    @Test
    void joiningTheSameContactTwiceShouldCountItOnce() throws Exception {
        ConversationRecord a = await(conversations().join("default", "p", "k1", "ch", null, T0, WINDOW));
        ConversationRecord again = await(conversations().join("default", "p", "k1", "ch", null, T0, WINDOW));
        assertThat(again.key()).isEqualTo(a.key());
        assertThat(again.contactCount()).isEqualTo(1);
        ConversationRecord b = await(conversations().join("default", "p", "k2", "other", null, T0.plusSeconds(60),
                WINDOW));
        assertThat(b.key()).isEqualTo(a.key());
        // Run again once its conversation's window has passed (a contact resumed long after a crash): it stays in
        // the conversation it joined, which neither counts it again nor opens another one.
        ConversationRecord late = await(conversations().join("default", "p", "k1", "ch", null,
                T0.plus(WINDOW).plus(Duration.ofHours(1)), WINDOW));
        assertThat(late.key()).isEqualTo(a.key());
        assertThat(late.contactCount()).isEqualTo(2);
        assertThat(late.channels()).isEqualTo(2);
        assertThat(late.lastContactAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void concurrentContactsOfOnePartyShouldJoinOneConversation() throws Exception {
        List<Future<ConversationRecord>> joins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            joins.add(conversations().join("default", "p-concurrent", "k" + i, "ch" + (i % 3), null,
                    T0.plusMillis(i), WINDOW));
        }
        await(Future.all(joins));
        assertThat(joins.stream().map(f -> f.result().key()).distinct()).hasSize(1);
        ConversationRecord r = await(conversations().get("default", joins.get(0).result().key()));
        assertThat(r.contactCount()).isEqualTo(20);
        assertThat(r.channels()).isEqualTo(3);
    }

    @Test
    void conversationsShouldBeSeparatePerTenantAndParty() throws Exception {
        ConversationRecord a = await(conversations().join("acme", "p", "k1", "ch", null, T0, WINDOW));
        ConversationRecord b = await(conversations().join("globex", "p", "k2", "ch", null, T0, WINDOW));
        ConversationRecord c = await(conversations().join("acme", "q", "k3", "ch", null, T0, WINDOW));
        assertThat(List.of(a.key(), b.key(), c.key())).doesNotHaveDuplicates();
        assertThat(await(conversations().get("globex", a.key()))).isNull();
    }

    @Test
    void conversationsShouldSurviveAReopen() throws Exception {
        ConversationRecord a = await(conversations().join("default", "p", "k1", "ch", "th", T0, WINDOW));
        await(store.close());
        store = openStore();
        assertThat(await(conversations().join("default", "p", "k2", "ch", null, T0.plusSeconds(5), WINDOW)).key())
                .isEqualTo(a.key());
    }
}
