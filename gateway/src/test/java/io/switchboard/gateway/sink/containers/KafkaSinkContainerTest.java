package io.switchboard.gateway.sink.containers;

import io.switchboard.gateway.sink.ContactSinkContract;
import io.switchboard.gateway.sink.kafka.KafkaSinkFactory;
import io.switchboard.gateway.testing.KafkaBroker;
import io.switchboard.gateway.testing.SinkContexts;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Map;

/**
 * The sink contract against Kafka in a container (apache/kafka, KRaft), where Docker runs; skipped cleanly where it
 * does not (the same behaviour is tested against a real broker the tests start, by {@code KafkaSinkContractTest}).
 * An outage is the container paused.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaSinkContainerTest extends ContactSinkContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

    private final String topic = KafkaBroker.freshTopic();

    @Override
    protected ContactSink createSink(Vertx vertx) throws Exception {
        return SinkContexts.start(vertx, new KafkaSinkFactory(), "events", new JsonObject()
                .put("bootstrapServers", KAFKA.getBootstrapServers()).put("topic", topic)
                .put("deliveryTimeout", "3s").put("maxRecordBytes", 65_536));
    }

    @Override
    protected Map<String, Integer> recordsById() {
        return KafkaBroker.countByContactId(KAFKA.getBootstrapServers(), topic);
    }

    @Override
    protected Contact refusedByTarget(Contact c) {
        return c.toBuilder().content(c.content().withText("x".repeat(100_000))).build();
    }

    @Override
    protected void targetDown() {
        KAFKA.getDockerClient().pauseContainerCmd(KAFKA.getContainerId()).exec();
    }

    @Override
    protected void targetUp() {
        KAFKA.getDockerClient().unpauseContainerCmd(KAFKA.getContainerId()).exec();
    }
}
