package io.switchboard.spi.testkit.contract;

import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.Conversations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link Conversations} must have. Extend it and implement {@link #create(Vertx)} (an
 * empty store per test).
 */
public abstract class ConversationsContract {

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
     * @return an empty conversation store
     * @throws Exception when it cannot be created
     */
    protected abstract Conversations create(Vertx vertx) throws Exception;

    /**
     * @param f   a future
     * @param <T> its type
     * @return its result
     * @throws Exception its failure
     */
    protected static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(72);

    @Test
    void contactsOfOnePartyWithinTheWindowShouldJoinOneConversationAcrossChannels() throws Exception {
        Conversations c = create(vertx);
        ConversationRecord a = await(c.join("t1", "customer:c1", "k1", "x", "tw-1", T0, WINDOW));
        ConversationRecord b = await(c.join("t1", "customer:c1", "k2", "whatsapp", null, T0.plus(Duration.ofHours(5)),
                WINDOW));
        ConversationRecord d = await(c.join("t1", "customer:c1", "k3", "voice", "CA1", T0.plus(Duration.ofHours(30)),
                WINDOW));
        assertThat(b.key()).isEqualTo(a.key());
        assertThat(d.key()).isEqualTo(a.key());
        assertThat(d.contactCount()).isEqualTo(3);
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.openedAt()).isEqualTo(T0);
        assertThat(d.lastContactAt()).isEqualTo(T0.plus(Duration.ofHours(30)));
        assertThat(d.resolvedAt()).isNull();
    }

    @Test
    void contactAfterTheWindowShouldOpenANewConversation() throws Exception {
        Conversations c = create(vertx);
        ConversationRecord a = await(c.join("t1", "customer:c1", "k1", "x", null, T0, WINDOW));
        ConversationRecord b = await(c.join("t1", "customer:c1", "k2", "x", null, T0.plus(WINDOW).plusSeconds(1),
                WINDOW));
        assertThat(b.key()).isNotEqualTo(a.key());
        assertThat(b.contactCount()).isEqualTo(1);
    }

    @Test
    void windowShouldRunFromTheLastContactNotTheFirst() throws Exception {
        Conversations c = create(vertx);
        ConversationRecord a = await(c.join("t1", "p", "k1", "x", null, T0, WINDOW));
        await(c.join("t1", "p", "k2", "x", null, T0.plus(Duration.ofHours(70)), WINDOW));
        ConversationRecord b = await(c.join("t1", "p", "k3", "x", null, T0.plus(Duration.ofHours(140)), WINDOW));
        assertThat(b.key()).isEqualTo(a.key());
    }

    @Test
    void differentPartiesShouldNeverShareAConversation() throws Exception {
        Conversations c = create(vertx);
        ConversationRecord a = await(c.join("t1", "customer:c1", "k1", "x", null, T0, WINDOW));
        ConversationRecord b = await(c.join("t1", "customer:c2", "k2", "x", null, T0, WINDOW));
        assertThat(b.key()).isNotEqualTo(a.key());
    }

    @Test
    void tenantsShouldBeSeparate() throws Exception {
        Conversations c = create(vertx);
        ConversationRecord a = await(c.join("t1", "customer:c1", "k1", "x", "th", T0, WINDOW));
        ConversationRecord b = await(c.join("t2", "customer:c1", "k2", "x", "th", T0, WINDOW));
        assertThat(b.key()).isNotEqualTo(a.key());
        assertThat(await(c.get("t2", a.key()))).isNull();
        assertThat(await(c.byThread("t2", "x", "th")).key()).isEqualTo(b.key());
    }

    @Test
    void resolvedConversationShouldNotBeReopened() throws Exception {
        Conversations c = create(vertx);
        ConversationRecord a = await(c.join("t1", "p", "k1", "x", null, T0, WINDOW));
        assertThat(await(c.resolve("t1", a.key()))).isTrue();
        assertThat(await(c.resolve("t1", a.key()))).as("already resolved").isFalse();
        ConversationRecord b = await(c.join("t1", "p", "k2", "x", null, T0.plusSeconds(60), WINDOW));
        assertThat(b.key()).isNotEqualTo(a.key());
        assertThat(await(c.get("t1", a.key())).resolvedAt()).isNotNull();
    }

    @Test
    void threadShouldLeadToItsConversation() throws Exception {
        Conversations c = create(vertx);
        ConversationRecord a = await(c.join("t1", "p", "k1", "facebook", "t_100", T0, WINDOW));
        assertThat(await(c.byThread("t1", "facebook", "t_100")).key()).isEqualTo(a.key());
        assertThat(await(c.byThread("t1", "instagram", "t_100"))).isNull();
    }

    @Test
    void joiningTheSameContactAgainShouldNotCountItTwice() throws Exception {
        Conversations c = create(vertx);
        ConversationRecord a = await(c.join("t1", "p", "k1", "x", null, T0, WINDOW));
        ConversationRecord again = await(c.join("t1", "p", "k1", "x", null, T0, WINDOW));
        assertThat(again.key()).isEqualTo(a.key());
        assertThat(again.contactCount()).isEqualTo(1);
    }

    @Test
    void concurrentFirstContactsOfOnePartyShouldJoinOneConversation() throws Exception {
        Conversations c = create(vertx);
        List<Future<ConversationRecord>> joins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            joins.add(c.join("t1", "p", "k" + i, "x", null, T0, WINDOW));
        }
        await(Future.all(joins));
        assertThat(joins.stream().map(f -> f.result().key()).distinct()).hasSize(1);
        assertThat(await(c.get("t1", joins.get(0).result().key())).contactCount()).isEqualTo(20);
    }

    @Test
    void unknownKeyShouldReadAsNull() throws Exception {
        Conversations c = create(vertx);
        assertThat(await(c.get("t1", "nope"))).isNull();
        assertThat(await(c.resolve("t1", "nope"))).isFalse();
    }
}
