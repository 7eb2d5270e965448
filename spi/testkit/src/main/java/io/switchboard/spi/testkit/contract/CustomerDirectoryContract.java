package io.switchboard.spi.testkit.contract;

import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link CustomerDirectory} must have. Extend it and implement {@link #create(Vertx)}
 * (an empty directory per test).
 */
public abstract class CustomerDirectoryContract {

    /** The Vert.x instance of the current test. */
    protected Vertx vertx;

    /** Creates the Vert.x instance of a test. */
    @BeforeEach
    protected void startVertx() {
        vertx = Vertx.vertx();
    }

    /**
     * Closes the Vert.x instance of a test.
     *
     * @throws Exception when it does not close
     */
    @AfterEach
    protected void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * @param vertx the test's Vert.x instance
     * @return an empty directory
     * @throws Exception when it cannot be created
     */
    protected abstract CustomerDirectory create(Vertx vertx) throws Exception;

    /**
     * @param f   a future
     * @param <T> its type
     * @return its result
     * @throws Exception its failure
     */
    protected static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static final Identifier PHONE = new Identifier(Identifier.PHONE, "+447700900123");
    private static final Identifier EMAIL = new Identifier(Identifier.EMAIL, "jane@example.com");

    private static LinkRecord link(String tenant, String contact, String customer, MatchLevel level) {
        return new LinkRecord(null, tenant, contact, customer, List.of(), level, Identifier.PHONE, "phone:provider",
                null, null);
    }

    @Test
    void seededCustomerShouldBeFoundByEachOfItsIdentifiers() throws Exception {
        CustomerDirectory d = create(vertx);
        await(d.upsert(new CustomerRecord("t1", "c1", "Jane", "gold", List.of(PHONE, EMAIL))));
        assertThat(await(d.findByIdentifier("t1", PHONE))).extracting(CustomerRecord::id).containsExactly("c1");
        assertThat(await(d.findByIdentifier("t1", EMAIL))).extracting(CustomerRecord::id).containsExactly("c1");
        assertThat(await(d.get("t1", "c1")).tier()).isEqualTo("gold");
    }

    @Test
    void customersShouldNeverBeFoundAcrossTenants() throws Exception {
        CustomerDirectory d = create(vertx);
        await(d.upsert(new CustomerRecord("t1", "c1", null, null, List.of(PHONE))));
        assertThat(await(d.findByIdentifier("t2", PHONE))).isEmpty();
        assertThat(await(d.get("t2", "c1"))).isNull();
    }

    @Test
    void sharedIdentifierShouldReturnEveryCustomerHavingIt() throws Exception {
        CustomerDirectory d = create(vertx);
        await(d.upsert(new CustomerRecord("t1", "c1", null, null, List.of(PHONE))));
        await(d.upsert(new CustomerRecord("t1", "c2", null, null, List.of(PHONE))));
        assertThat(await(d.findByIdentifier("t1", PHONE))).extracting(CustomerRecord::id)
                .containsExactlyInAnyOrder("c1", "c2");
    }

    @Test
    void upsertShouldReplaceTheSeededIdentifiers() throws Exception {
        CustomerDirectory d = create(vertx);
        await(d.upsert(new CustomerRecord("t1", "c1", null, null, List.of(PHONE))));
        await(d.upsert(new CustomerRecord("t1", "c1", null, "silver", List.of(EMAIL))));
        assertThat(await(d.findByIdentifier("t1", PHONE))).isEmpty();
        assertThat(await(d.findByIdentifier("t1", EMAIL))).extracting(CustomerRecord::tier).containsExactly("silver");
    }

    @Test
    void unknownCustomerShouldReadAsNull() throws Exception {
        assertThat(await(create(vertx).get("t1", "nobody"))).isNull();
    }

    @Test
    void recordShouldAssignAnIdAndATime() throws Exception {
        CustomerDirectory d = create(vertx);
        await(d.upsert(new CustomerRecord("t1", "c1", null, null, List.of(PHONE))));
        LinkRecord r = await(d.record(link("t1", "contact-1", "c1", MatchLevel.STRONG), List.of()));
        assertThat(r.id()).isNotBlank();
        assertThat(r.createdAt()).isNotNull();
        assertThat(r.undoneAt()).isNull();
    }

    @Test
    void linkShouldAttachTheContactsIdentifiersToTheCustomer() throws Exception {
        CustomerDirectory d = create(vertx);
        await(d.upsert(new CustomerRecord("t1", "c1", null, null, List.of(PHONE))));
        await(d.record(link("t1", "contact-1", "c1", MatchLevel.STRONG), List.of(PHONE, EMAIL)));
        assertThat(await(d.findByIdentifier("t1", EMAIL))).extracting(CustomerRecord::id).containsExactly("c1");
    }

    @Test
    void suggestionShouldAttachNoIdentifiers() throws Exception {
        CustomerDirectory d = create(vertx);
        await(d.upsert(new CustomerRecord("t1", "c1", null, null, List.of(PHONE))));
        await(d.upsert(new CustomerRecord("t1", "c2", null, null, List.of(PHONE))));
        LinkRecord s = await(d.record(new LinkRecord(null, "t1", "contact-1", null, List.of("c1", "c2"),
                MatchLevel.STRONG, Identifier.PHONE, "phone:provider; 2 candidates", null, null), List.of(EMAIL)));
        assertThat(s.isLink()).isFalse();
        assertThat(s.candidates()).containsExactly("c1", "c2");
        assertThat(await(d.findByIdentifier("t1", EMAIL))).isEmpty();
    }

    @Test
    void linkToAnUnknownCustomerShouldFail() throws Exception {
        CustomerDirectory d = create(vertx);
        assertThatThrownBy(() -> await(d.record(link("t1", "contact-1", "ghost", MatchLevel.STRONG), List.of())))
                .isInstanceOf(Exception.class);
    }

    @Test
    void decisionsShouldComeBackNewestFirstForTheirContactOnly() throws Exception {
        CustomerDirectory d = create(vertx);
        await(d.upsert(new CustomerRecord("t1", "c1", null, null, List.of(PHONE))));
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        LinkRecord older = new LinkRecord(null, "t1", "contact-1", null, List.of("c1"), MatchLevel.MEDIUM,
                Identifier.EMAIL, "email:self-asserted", t0, null);
        LinkRecord newer = new LinkRecord(null, "t1", "contact-1", "c1", List.of(), MatchLevel.STRONG,
                Identifier.PHONE, "phone:provider", t0.plusSeconds(60), null);
        await(d.record(older, List.of()));
        await(d.record(newer, List.of()));
        await(d.record(link("t1", "contact-2", "c1", MatchLevel.STRONG), List.of()));
        List<LinkRecord> ds = await(d.decisionsFor("t1", "contact-1"));
        assertThat(ds).extracting(LinkRecord::createdAt).containsExactly(t0.plusSeconds(60), t0);
        assertThat(await(d.decisionsFor("t2", "contact-1"))).isEmpty();
    }
}
