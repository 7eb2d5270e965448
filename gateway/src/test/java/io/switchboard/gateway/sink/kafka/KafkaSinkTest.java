package io.switchboard.gateway.sink.kafka;

import io.switchboard.gateway.delivery.OrderingKeys;
import io.switchboard.gateway.testing.KafkaBroker;
import io.switchboard.gateway.testing.SinkContacts;
import io.switchboard.gateway.testing.SinkContexts;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.Delivery;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kafka sink's record format, ordering and redelivery check, against the real test broker. */
class KafkaSinkTest {

    private final KafkaBroker broker = KafkaBroker.shared();
    private final String topic = KafkaBroker.freshTopic();
    private Vertx vertx;
    private ContactSink sink;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        broker.createTopic(topic, 4);
        sink = SinkContexts.start(vertx, new KafkaSinkFactory(), "events", new JsonObject()
                .put("bootstrapServers", broker.bootstrap()).put("topic", topic).put("deliveryTimeout", "5s"));
    }

    @AfterEach
    void tearDown() throws Exception {
        await(sink.close());
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aRecordShouldCarryTheContactJsonItsKeyAndItsHeaders() throws Exception {
        Contact tweet = SinkContacts.contact(2);
        List<DeliveryResult> r = await(sink.deliver(SinkContacts.deliveries(List.of(tweet), 1)));
        assertThat(((DeliveryResult.Delivered) r.get(0)).externalRef()).matches(topic + "-\\d@\\d+");
        ConsumerRecord<String, String> rec = broker.records(topic).get(0);
        assertThat(rec.key()).isEqualTo(OrderingKeys.of(tweet)).isEqualTo("user:x:global:2244994945");
        JsonObject value = new JsonObject(rec.value());
        assertThat(value.getString("id")).isEqualTo(tweet.id());
        assertThat(value.getInteger("schemaVersion")).isEqualTo(Contact.SCHEMA_VERSION);
        assertThat(header(rec, "contact-id")).isEqualTo(tweet.id());
        assertThat(header(rec, "schema-version")).isEqualTo("1");
        assertThat(header(rec, "channel-id")).isEqualTo("x-support");
        assertThat(header(rec, "channel-type")).isEqualTo("x");
        assertThat(header(rec, "tenant")).isEqualTo("default");
        assertThat(header(rec, "trace-id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void theKeyShouldBeTheConversationElseTheCustomerElseAStablePartyKey() {
        Contact form = SinkContacts.contact(0);
        assertThat(KafkaSink.record(topic, form).key()).isEqualTo("conversation:conv-jane-0");
        assertThat(KafkaSink.record(topic, form.toBuilder().conversationKey(null).build()).key())
                .isEqualTo("customer:cust-42");
        String phoneKey = KafkaSink.record(topic, SinkContacts.contact(1).toBuilder().sender(
                SinkContacts.contact(1).sender().withUserId(null)).build()).key();
        assertThat(phoneKey).startsWith("phone:").doesNotContain("447700900456");
    }

    @Test
    void oneCustomersContactsShouldLandOnOnePartitionInDeliveryOrder() throws Exception {
        List<Contact> janes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            janes.add(SinkContacts.contact(0).toBuilder().conversationKey("conv-jane").build());
            await(sink.deliver(SinkContacts.deliveries(List.of(janes.get(i)), 1)));
        }
        List<ConsumerRecord<String, String>> recs = broker.records(topic);
        assertThat(recs).extracting(ConsumerRecord::partition).containsOnly(recs.get(0).partition());
        assertThat(recs.stream().sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> header(r, "contact-id")).toList()).containsExactlyElementsOf(janes.stream().map(Contact::id).toList());
    }

    @Test
    void theProducerShouldBeIdempotentWithAcksAll() {
        Map<String, Object> p = KafkaSink.producerProps(Map.of("bootstrap.servers", "b:9092"),
                new KafkaSink.Settings(topic, "none", Duration.ZERO, Duration.ofSeconds(20), 1_048_576, true,
                        Duration.ofHours(24)));
        assertThat(p).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("max.in.flight.requests.per.connection", "5").containsEntry("delivery.timeout.ms", "20000");
    }

    @Test
    void aRecordWrittenByAnEarlierAttemptShouldNotBeSentAgain() throws Exception {
        // An earlier attempt wrote the record, but its acknowledgement was lost: the outbox tries again.
        Contact c = SinkContacts.contact(1);
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrap());
        try (KafkaProducer<String, String> other = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            other.send(KafkaSink.record(topic, c)).get(10, TimeUnit.SECONDS);
        }
        Delivery again = new Delivery("d-" + c.id(), c, 2, Instant.now().minusSeconds(30));
        Contact fresh = SinkContacts.contact(2);
        List<DeliveryResult> r = await(sink.deliver(List.of(again, new Delivery("d-" + fresh.id(), fresh, 2,
                Instant.now().minusSeconds(30)))));
        assertThat(r).allMatch(x -> x instanceof DeliveryResult.Delivered);
        Map<String, Integer> counts = broker.countByContactId(topic);
        assertThat(counts).containsEntry(c.id(), 1).containsEntry(fresh.id(), 1).hasSize(2);
    }

    @Test
    void aReplayedDeadLetterAlreadyOnTheTopicShouldNotBeSentAgain() throws Exception {
        // Replay resets the attempts: attempt 1 again, but the delivery was created an hour ago.
        Contact c = SinkContacts.contact(0);
        await(sink.deliver(SinkContacts.deliveries(List.of(c), 1)));
        Delivery replay = new Delivery("d-" + c.id(), c, 1, Instant.now().minusSeconds(3600));
        assertThat(await(sink.deliver(List.of(replay)))).allMatch(x -> x instanceof DeliveryResult.Delivered);
        assertThat(broker.countByContactId(topic)).containsEntry(c.id(), 1);
    }

    @Test
    void withoutTheRedeliveryCheckARetryIsSentAgain() throws Exception {
        ContactSink unchecked = SinkContexts.start(vertx, new KafkaSinkFactory(), "raw", new JsonObject()
                .put("bootstrapServers", broker.bootstrap()).put("topic", topic).put("redeliveryCheck", false));
        Contact c = SinkContacts.contact(1);
        await(unchecked.deliver(SinkContacts.deliveries(List.of(c), 1)));
        await(unchecked.deliver(SinkContacts.deliveries(List.of(c), 2)));
        assertThat(broker.countByContactId(topic)).containsEntry(c.id(), 2);
        await(unchecked.close());
    }

    @Test
    void settingsTheSinkOwnsOrSecretsShouldBeRefusedUnderProperties() {
        JsonObject cfg = new JsonObject().put("bootstrapServers", "127.0.0.1:9092").put("topic", "contacts")
                .put("properties", new JsonObject().put("acks", "1").put("ssl.keystore.password", "x")
                        .put("batch.size", 65536));
        assertThatThrownBy(() -> SinkContexts.start(vertx, new KafkaSinkFactory(), "k", cfg))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("properties.acks: is set by the sink and cannot be overridden")
                .hasMessageContaining("properties.ssl.keystore.password: secrets are not allowed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("batch.size"));
    }

    @Test
    void anInvalidTopicOrBootstrapListShouldBeRefusedWithItsKey() {
        assertThatThrownBy(() -> SinkContexts.start(vertx, new KafkaSinkFactory(), "k", new JsonObject()
                .put("bootstrapServers", "nohost").put("topic", "bad topic!")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrapServers: must be host:port")
                .hasMessageContaining("topic: must be a Kafka topic name");
    }

    @Test
    void aSaslUserWithoutPasswordShouldBeRefused() {
        assertThatThrownBy(() -> SinkContexts.start(vertx, new KafkaSinkFactory(), "k", new JsonObject()
                .put("bootstrapServers", "b:9092").put("topic", "t").put("sasl", new JsonObject().put("username", "u"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sasl.password: is required with sasl.username");
    }

    @Test
    void theSaslPasswordShouldComeFromTheEnvironmentAndBeQuotedForJaas() throws Exception {
        assertThat(KafkaSinkFactory.jaas("SCRAM-SHA-512", "svc", "p\"w\\d"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" "
                        + "password=\"p\\\"w\\\\d\";");
        assertThatThrownBy(() -> SinkContexts.start(vertx, new KafkaSinkFactory(), "k", new JsonObject()
                .put("bootstrapServers", "b:9092").put("topic", "t")
                .put("sasl", new JsonObject().put("username", "u").put("password", "${env:KAFKA_SINK_PASSWORD}"))))
                .hasMessageContaining("sasl.password: environment variable KAFKA_SINK_PASSWORD is not set");
    }
}
