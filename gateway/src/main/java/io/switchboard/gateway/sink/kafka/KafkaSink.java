package io.switchboard.gateway.sink.kafka;

import io.switchboard.gateway.delivery.OrderingKeys;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.Delivery;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaWriteStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record per contact, written by an idempotent producer ({@code enable.idempotence=true}, {@code acks=all}),
 * so the producer's own retries never duplicate a record. The key is {@link OrderingKeys#of(Contact)} (conversation,
 * else linked customer, else the sender's strongest identifier, hashed), so one customer's contacts land on one
 * partition; the sink is {@link #ordered()}, so the outbox never has two deliveries of one key in flight. The value
 * is the contact JSON ({@link ContactJson}, with its {@code schemaVersion}); headers carry {@value #H_CONTACT_ID},
 * {@value #H_SCHEMA_VERSION}, {@value #H_CHANNEL_ID}, {@value #H_CHANNEL_TYPE}, {@value #H_TENANT} and
 * {@value #H_TRACE_ID}.
 *
 * <p>A delivery that may have been tried before (attempt 2 or later, or created longer ago than two delivery
 * timeouts: a replayed dead letter starts again at attempt 1) is first looked for on the topic by its contact id
 * ({@link RedeliveryCheck}); when an earlier attempt's record is there, nothing is sent. A record the broker can never take (too large, invalid topic) becomes a dead letter; anything else is
 * retried.
 */
final class KafkaSink implements ContactSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    /** Header: the contact id (the idempotency key). */
    static final String H_CONTACT_ID = "contact-id";
    /** Header: the contact model's schema version. */
    static final String H_SCHEMA_VERSION = "schema-version";
    /** Header: the channel instance id. */
    static final String H_CHANNEL_ID = "channel-id";
    /** Header: the channel type. */
    static final String H_CHANNEL_TYPE = "channel-type";
    /** Header: the tenant. */
    static final String H_TENANT = "tenant";
    /** Header: the trace id of the request that carried the contact, when known. */
    static final String H_TRACE_ID = "trace-id";

    /** A record's timestamp is the producer's clock: allow for skew between gateway instances and brokers. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * @param topic           the topic
     * @param compression     {@code none} or {@code gzip}
     * @param linger          linger
     * @param deliveryTimeout the producer's delivery timeout
     * @param maxRecordBytes  max request size
     * @param redeliveryCheck whether to look for earlier attempts' records
     * @param checkWindow     how far back to look at most
     */
    record Settings(String topic, String compression, Duration linger, Duration deliveryTimeout, int maxRecordBytes,
                    boolean redeliveryCheck, Duration checkWindow) {
    }

    private final String name;
    private final Settings settings;
    private final KafkaWriteStream<String, String> producer;
    private final RedeliveryCheck check;
    private final Clock clock;
    private volatile boolean closed;

    private KafkaSink(String name, Settings settings, KafkaWriteStream<String, String> producer, RedeliveryCheck check,
                      Clock clock) {
        this.name = name;
        this.settings = settings;
        this.producer = producer;
        this.check = check;
        this.clock = clock;
    }

    /**
     * @param common the connection settings (bootstrap servers, client id, security, extra properties)
     * @param s      the sink settings
     * @return the producer's configuration
     */
    static Map<String, Object> producerProps(Map<String, Object> common, Settings s) {
        Map<String, Object> props = new LinkedHashMap<>(common);
        long delivery = s.deliveryTimeout().toMillis();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("max.in.flight.requests.per.connection", "5");
        props.put("retries", String.valueOf(Integer.MAX_VALUE));
        props.put("delivery.timeout.ms", String.valueOf(delivery));
        props.put("request.timeout.ms", String.valueOf(delivery / 2));
        props.put("max.block.ms", String.valueOf(delivery / 2));
        props.put("linger.ms", String.valueOf(s.linger().toMillis()));
        props.put("compression.type", s.compression());
        props.put("max.request.size", String.valueOf(s.maxRecordBytes()));
        props.put("reconnect.backoff.max.ms", "1000");
        return props;
    }

    static KafkaSink create(Vertx vertx, String name, Map<String, Object> common, Settings s, Clock clock) {
        Map<String, Object> props = producerProps(common, s);
        KafkaWriteStream<String, String> producer = KafkaWriteStream.create(vertx, props, new StringSerializer(),
                new StringSerializer());
        // Each send's own future reports its failure; without a handler Vert.x would also log it as unhandled.
        producer.exceptionHandler(e -> LOG.atDebug().setMessage("kafka producer error").addKeyValue("sink", name)
                .addKeyValue("error", e.getClass().getSimpleName()).log());
        RedeliveryCheck check = null;
        if (s.redeliveryCheck()) {
            Map<String, Object> consumer = new LinkedHashMap<>();
            for (String k : List.of("bootstrap.servers", "security.protocol", "sasl.mechanism", "sasl.jaas.config")) {
                if (common.containsKey(k)) {
                    consumer.put(k, common.get(k));
                }
            }
            common.forEach((k, v) -> {
                if (k.startsWith("ssl.")) {
                    consumer.put(k, v);
                }
            });
            consumer.put("client.id", common.get("client.id") + "-redelivery-check");
            check = new RedeliveryCheck(vertx, name, consumer, s.topic(), s.deliveryTimeout());
        }
        LOG.atInfo().setMessage("kafka sink producer created").addKeyValue("sink", name).addKeyValue("topic", s.topic())
                .log();
        return new KafkaSink(name, s, producer, check, clock);
    }

    @Override
    public boolean ordered() {
        return true;
    }

    @Override
    public Future<List<DeliveryResult>> deliver(List<Delivery> batch) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("sink " + name + " is closed"));
        }
        Set<String> again = new LinkedHashSet<>();
        Instant since = null;
        // Tried before: a later attempt, or a delivery older than a first attempt can be (a replayed dead letter
        // starts again at attempt 1, but keeps the time it was first created).
        Instant fresh = clock.instant().minus(settings.deliveryTimeout().multipliedBy(2));
        for (Delivery d : batch) {
            if (d.attempt() > 1 || d.firstTried().isBefore(fresh)) {
                again.add(d.idempotencyKey());
                since = since == null || d.firstTried().isBefore(since) ? d.firstTried() : since;
            }
        }
        Future<Map<String, String>> earlier;
        if (again.isEmpty() || check == null) {
            earlier = Future.succeededFuture(Map.of());
        } else {
            Instant floor = clock.instant().minus(settings.checkWindow());
            Instant from = since.minus(CLOCK_SKEW);
            earlier = check.find(again, from.isBefore(floor) ? floor : from);
        }
        // Metadata first, once per batch: with the brokers unreachable each send would otherwise block the
        // producer's thread for max.block.ms in turn.
        return earlier.compose(found -> found.size() == again.size() && again.size() == batch.size()
                ? Future.succeededFuture(found)
                : producer.partitionsFor(settings.topic()).map(p -> found)).compose(found -> {
            if (!found.isEmpty()) {
                LOG.atInfo().setMessage("redelivery found on the topic; not sent again").addKeyValue("sink", name)
                        .addKeyValue("count", found.size()).log();
            }
            List<Future<DeliveryResult>> each = new ArrayList<>(batch.size());
            for (Delivery d : batch) {
                String ref = found.get(d.idempotencyKey());
                each.add(ref != null ? Future.succeededFuture(DeliveryResult.delivered(ref)) : send(d.contact()));
            }
            return Future.join(each).transform(ar -> Future.succeededFuture(each.stream().map(Future::result).toList()));
        });
    }

    private Future<DeliveryResult> send(Contact c) {
        ProducerRecord<String, String> rec;
        try {
            rec = record(settings.topic(), c);
        } catch (RuntimeException e) {
            return Future.succeededFuture(DeliveryResult.failed("cannot encode contact: " + e.getClass().getSimpleName()));
        }
        return producer.send(rec)
                .map(md -> DeliveryResult.delivered(md.topic() + "-" + md.partition() + "@" + md.offset()))
                .recover(e -> Future.succeededFuture(classify(e)));
    }

    static ProducerRecord<String, String> record(String topic, Contact c) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, H_CONTACT_ID, c.id());
        header(headers, H_SCHEMA_VERSION, String.valueOf(c.schemaVersion()));
        header(headers, H_CHANNEL_ID, c.channel().id());
        header(headers, H_CHANNEL_TYPE, c.channel().type());
        header(headers, H_TENANT, c.tenant());
        if (c.traceId() != null) {
            header(headers, H_TRACE_ID, c.traceId());
        }
        return new ProducerRecord<>(topic, null, null, OrderingKeys.of(c), ContactJson.encode(c), headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8)));
    }

    static DeliveryResult classify(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof org.apache.kafka.common.KafkaException)) {
            t = t.getCause();
        }
        if (t instanceof RecordTooLargeException) {
            return DeliveryResult.failed("record too large for the topic");
        }
        if (t instanceof InvalidTopicException) {
            return DeliveryResult.failed("invalid topic");
        }
        if (t instanceof SerializationException) {
            return DeliveryResult.failed("cannot serialize record");
        }
        return DeliveryResult.retry("kafka: " + t.getClass().getSimpleName(), null);
    }

    @Override
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        Future<Void> p = producer.close(settings.deliveryTimeout().toMillis());
        return check == null ? p : Future.join(p, check.close()).mapEmpty();
    }
}
