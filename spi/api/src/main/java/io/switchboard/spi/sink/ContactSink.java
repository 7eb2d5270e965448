package io.switchboard.spi.sink;

import io.vertx.core.Future;

import java.util.List;

/**
 * Forwards processed contacts to one system of record.
 *
 * <p><b>Threading:</b> {@link #deliver} is called on a Vert.x event loop and must not block; use Vert.x
 * clients. The gateway calls it with at most one batch in flight per sink instance unless
 * {@link #maxInFlightBatches()} says otherwise.
 *
 * <p><b>Idempotency:</b> a delivery can be attempted more than once; a repeated attempt must not create a
 * second record in the target (use {@link Delivery#idempotencyKey()}).
 *
 * <p><b>Failure:</b> return one result per delivery, in order. A failed future (or an exception) counts as
 * {@link DeliveryResult.Retry} for every delivery of the batch and as a failure for the sink's circuit
 * breaker.
 */
public interface ContactSink {

    /**
     * Delivers a batch.
     *
     * @param batch the deliveries, at most the sink's configured batch size, oldest first; for an
     *              {@link #ordered()} sink, deliveries with the same ordering key appear in order
     * @return one result per delivery, in the same order
     */
    Future<List<DeliveryResult>> deliver(List<Delivery> batch);

    /**
     * @return true when the sink promises per-conversation order (Kafka): the gateway then never has two
     *         deliveries of one conversation in flight, and delivers them in arrival order
     */
    default boolean ordered() {
        return false;
    }

    /** @return batches the gateway may have in flight at once for this sink */
    default int maxInFlightBatches() {
        return 1;
    }

    /**
     * Releases clients and connections.
     *
     * @return completion
     */
    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
