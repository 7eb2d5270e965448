/**
 * The sink SPI: forwarding processed contacts to a system of record (a database, a broker, a CRM).
 *
 * <p>The gateway records every (contact, sink) delivery durably in an outbox, claims due deliveries in
 * batches and hands them to {@link io.switchboard.spi.sink.ContactSink#deliver}. It retries with exponential
 * backoff and jitter (honouring {@link io.switchboard.spi.sink.DeliveryResult.Retry#retryAfter()}), protects
 * each sink with a circuit breaker, and turns a delivery into a dead letter after the configured attempts or
 * age, or at once on {@link io.switchboard.spi.sink.DeliveryResult.Failed}. A delivery may therefore be
 * attempted more than once (after a crash, a timeout whose request did arrive, a replay): sinks must be
 * idempotent on {@link io.switchboard.spi.sink.Delivery#idempotencyKey()}. See {@code docs/writing-a-sink.md}.
 */
package io.switchboard.spi.sink;
