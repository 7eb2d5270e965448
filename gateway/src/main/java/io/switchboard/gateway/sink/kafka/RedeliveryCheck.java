package io.switchboard.gateway.sink.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Looks for contact ids on the topic: reads every partition from a point in time to its end, matching the
 * {@code contact-id} header. A plain {@link KafkaConsumer} (not thread-safe, blocking), so it runs on a worker
 * executor of one thread of its own, never on an event loop; one search at a time.
 */
final class RedeliveryCheck {

    private final String topic;
    private final Duration timeout;
    private final WorkerExecutor worker;
    private final Map<String, Object> props;
    private KafkaConsumer<byte[], byte[]> consumer;

    RedeliveryCheck(Vertx vertx, String sink, Map<String, Object> consumerProps, String topic, Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
        this.worker = vertx.createSharedWorkerExecutor("switchboard-kafka-check-" + sink, 1,
                timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        this.props = new LinkedHashMap<>(consumerProps);
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "none");
        props.put("max.poll.records", "2000");
        props.put("fetch.max.wait.ms", "50");
        props.put("default.api.timeout.ms", String.valueOf(timeout.toMillis() / 2));
        props.put("request.timeout.ms", String.valueOf(timeout.toMillis() / 2));
        props.put("reconnect.backoff.max.ms", "1000");
    }

    /**
     * @param ids   contact ids to look for
     * @param since the earliest record timestamp to read from
     * @return the ids found, each with its record's {@code topic-partition@offset}
     */
    Future<Map<String, String>> find(Set<String> ids, Instant since) {
        return worker.executeBlocking(() -> search(ids, since), true);
    }

    private Map<String, String> search(Set<String> ids, Instant since) throws TimeoutException {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration api = Duration.ofMillis(timeout.toMillis() / 2);
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, api);
            Map<String, String> found = new HashMap<>();
            if (infos == null || infos.isEmpty()) {
                return found;
            }
            List<TopicPartition> parts = new ArrayList<>();
            Map<TopicPartition, Long> times = new HashMap<>();
            for (PartitionInfo p : infos) {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                parts.add(tp);
                times.put(tp, since.toEpochMilli());
            }
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, api);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts, api);
            List<TopicPartition> toRead = new ArrayList<>();
            for (TopicPartition tp : parts) {
                OffsetAndTimestamp start = starts.get(tp);
                if (start != null && start.offset() < ends.getOrDefault(tp, 0L)) {
                    toRead.add(tp);
                }
            }
            consumer.assign(toRead);
            for (TopicPartition tp : toRead) {
                consumer.seek(tp, starts.get(tp).offset());
            }
            while (!toRead.isEmpty() && found.size() < ids.size()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("redelivery check did not finish within " + timeout);
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Header h = r.headers().lastHeader(KafkaSink.H_CONTACT_ID);
                    if (h != null) {
                        String id = new String(h.value(), StandardCharsets.UTF_8);
                        if (ids.contains(id)) {
                            found.putIfAbsent(id, r.topic() + "-" + r.partition() + "@" + r.offset());
                        }
                    }
                }
                toRead.removeIf(tp -> consumer.position(tp, api) >= ends.get(tp));
            }
            return found;
        } catch (RuntimeException e) {
            // A consumer that failed half-way may hold stale state: start afresh next time.
            consumer.close(Duration.ZERO);
            consumer = null;
            throw e;
        } finally {
            if (consumer != null) {
                consumer.assign(List.of());
            }
        }
    }

    Future<Void> close() {
        return worker.executeBlocking(() -> {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(1));
                consumer = null;
            }
            return null;
        }, true).transform(ar -> worker.close());
    }
}
