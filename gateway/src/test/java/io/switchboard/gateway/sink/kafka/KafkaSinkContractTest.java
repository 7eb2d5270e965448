package io.switchboard.gateway.sink.kafka;

import io.switchboard.gateway.sink.ContactSinkContract;
import io.switchboard.gateway.testing.KafkaBroker;
import io.switchboard.gateway.testing.SinkContexts;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The sink contract against a real Kafka broker (KRaft, started once per test run), reached through the broker's
 * proxied listener so that an outage can be simulated by cutting the proxy.
 */
class KafkaSinkContractTest extends ContactSinkContract {

    private final String topic = KafkaBroker.freshTopic();
    private KafkaBroker broker;

    @Override
    protected void setUpTarget() throws Exception {
        broker = KafkaBroker.shared();
        broker.createTopic(topic, 3);
    }

    @Override
    protected ContactSink createSink(Vertx vertx) throws Exception {
        return SinkContexts.start(vertx, new KafkaSinkFactory(), "events", new JsonObject()
                .put("bootstrapServers", broker.proxiedBootstrap()).put("topic", topic)
                .put("deliveryTimeout", "2s").put("maxRecordBytes", 65_536));
    }

    @Override
    protected Map<String, Integer> recordsById() {
        return broker.countByContactId(topic);
    }

    @Override
    protected Contact refusedByTarget(Contact c) {
        return c.toBuilder().content(c.content().withText("x".repeat(100_000))).build(); // > maxRecordBytes
    }

    @Override
    protected void targetDown() {
        broker.proxy().cut();
    }

    @Override
    protected void targetUp() {
        broker.proxy().restore();
    }
}
