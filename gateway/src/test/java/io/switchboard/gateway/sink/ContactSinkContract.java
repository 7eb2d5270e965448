package io.switchboard.gateway.sink;

import io.switchboard.gateway.testing.SinkContacts;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.Delivery;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link ContactSink} must have, run against its real target by one subclass per sink type:
 * it delivers a batch, a redelivery is a no-op in the target, results come back one per delivery and in order,
 * an unavailable target yields retries (and the contacts arrive once it is back), and {@code close} releases it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContactSinkContract {

    protected Vertx vertx;
    private ContactSink sink;

    /**
     * Creates and starts a sink against the target.
     *
     * @param vertx Vert.x
     * @return the started sink
     * @throws Exception when it cannot start
     */
    protected abstract ContactSink createSink(Vertx vertx) throws Exception;

    /**
     * Reads the target back.
     *
     * @return for each contact id the target holds, how many records (rows, topic records, created tickets) it has
     * @throws Exception when the target cannot be read
     */
    protected abstract Map<String, Integer> recordsById() throws Exception;

    /**
     * @param c a contact
     * @return a copy of it that the target refuses for good (a permanent failure for this contact only)
     */
    protected abstract Contact refusedByTarget(Contact c);

    /** Makes the target unavailable. @throws Exception on failure */
    protected abstract void targetDown() throws Exception;

    /** Makes the target available again. @throws Exception on failure */
    protected abstract void targetUp() throws Exception;

    /** Called once before the tests. @throws Exception on failure */
    protected void setUpTarget() throws Exception {
    }

    /** Called once after the tests. @throws Exception on failure */
    protected void tearDownTarget() throws Exception {
    }

    @BeforeAll
    void startAll() throws Exception {
        vertx = Vertx.vertx();
        setUpTarget();
    }

    @AfterAll
    void stopAll() throws Exception {
        try {
            tearDownTarget();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void open() throws Exception {
        sink = createSink(vertx);
    }

    @AfterEach
    void closeSink() throws Exception {
        await(sink.close());
    }

    protected static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private List<DeliveryResult> deliver(List<Delivery> batch) throws Exception {
        List<DeliveryResult> r = await(sink.deliver(batch));
        assertThat(r).as("one result per delivery").hasSize(batch.size());
        return r;
    }

    private static List<String> ids(List<Contact> cs) {
        return cs.stream().map(Contact::id).toList();
    }

    @Test
    void shouldDeliverABatch() throws Exception {
        List<Contact> cs = SinkContacts.contacts(12);
        List<DeliveryResult> r = deliver(SinkContacts.deliveries(cs, 1));
        assertThat(r).allMatch(x -> x instanceof DeliveryResult.Delivered);
        Map<String, Integer> target = recordsById();
        for (String id : ids(cs)) {
            assertThat(target.get(id)).as("records of " + id).isEqualTo(1);
        }
    }

    @Test
    void redeliveryShouldBeANoOpInTheTarget() throws Exception {
        List<Contact> cs = SinkContacts.contacts(6);
        assertThat(deliver(SinkContacts.deliveries(cs, 1))).allMatch(x -> x instanceof DeliveryResult.Delivered);
        // As after a lost acknowledgement or a replayed dead letter: the same contacts, a later attempt.
        assertThat(deliver(SinkContacts.deliveries(cs, 2))).allMatch(x -> x instanceof DeliveryResult.Delivered);
        assertThat(deliver(SinkContacts.deliveries(cs.subList(0, 3), 3))).allMatch(x -> x instanceof DeliveryResult.Delivered);
        Map<String, Integer> target = recordsById();
        for (String id : ids(cs)) {
            assertThat(target.get(id)).as("records of " + id + " after three deliveries").isEqualTo(1);
        }
    }

    @Test
    void resultsShouldComeBackOnePerDeliveryInOrder() throws Exception {
        List<Contact> cs = new ArrayList<>(SinkContacts.contacts(5));
        cs.set(2, refusedByTarget(cs.get(2)));
        List<DeliveryResult> r = deliver(SinkContacts.deliveries(cs, 1));
        for (int i = 0; i < cs.size(); i++) {
            if (i == 2) {
                assertThat(r.get(i)).as("result of the refused contact").isInstanceOf(DeliveryResult.Failed.class);
            } else {
                assertThat(r.get(i)).as("result " + i).isInstanceOf(DeliveryResult.Delivered.class);
            }
        }
        Map<String, Integer> target = recordsById();
        assertThat(target).doesNotContainKey(cs.get(2).id());
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(target.get(cs.get(i).id())).isEqualTo(1);
        }
    }

    @Test
    void anUnavailableTargetShouldYieldRetriesAndDeliverWhenBack() throws Exception {
        List<Contact> cs = SinkContacts.contacts(4);
        targetDown();
        try {
            List<DeliveryResult> r;
            try {
                r = deliver(SinkContacts.deliveries(cs, 1));
            } catch (ExecutionException e) {
                r = null; // a failed future: every delivery is retried
            }
            if (r != null) {
                assertThat(r).as("results while the target is down").allMatch(x -> x instanceof DeliveryResult.Retry);
            }
        } finally {
            targetUp();
        }
        Map<String, Integer> during = recordsById();
        assertThat(ids(cs)).noneMatch(during::containsKey);
        List<DeliveryResult> again = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int attempt = 2; System.nanoTime() < deadline; attempt++) {
            try {
                again = deliver(SinkContacts.deliveries(cs, attempt));
                if (again.stream().allMatch(x -> x instanceof DeliveryResult.Delivered)) {
                    break;
                }
            } catch (ExecutionException e) {
                // still reconnecting
            }
            Thread.sleep(200);
        }
        assertThat(again).isNotNull().allMatch(x -> x instanceof DeliveryResult.Delivered);
        Map<String, Integer> target = recordsById();
        for (String id : ids(cs)) {
            assertThat(target.get(id)).isEqualTo(1);
        }
    }

    @Test
    void closeShouldReleaseTheSinkAndRefuseLaterDeliveries() throws Exception {
        assertThat(deliver(SinkContacts.deliveries(SinkContacts.contacts(1), 1)))
                .allMatch(x -> x instanceof DeliveryResult.Delivered);
        await(sink.close());
        await(sink.close()); // twice is harmless
        List<Contact> late = SinkContacts.contacts(1);
        try {
            List<DeliveryResult> r = await(sink.deliver(SinkContacts.deliveries(late, 1)));
            assertThat(r).noneMatch(x -> x instanceof DeliveryResult.Delivered);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isNotNull();
        }
        assertThat(recordsById()).doesNotContainKey(late.get(0).id());
    }
}
