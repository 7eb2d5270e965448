package io.switchboard.gateway.sink.kafka;

import io.switchboard.gateway.testing.KafkaBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerSmokeTest {
    @Test
    void brokerShouldStartAndRestart() throws Exception {
        KafkaBroker b = KafkaBroker.shared();
        String t = KafkaBroker.freshTopic();
        b.createTopic(t, 3);
        assertThat(b.records(t)).isEmpty();
        long t0 = System.nanoTime();
        b.stop();
        b.start();
        System.out.println("restart ms " + (System.nanoTime() - t0) / 1_000_000);
        assertThat(b.records(t)).isEmpty();
    }
}
