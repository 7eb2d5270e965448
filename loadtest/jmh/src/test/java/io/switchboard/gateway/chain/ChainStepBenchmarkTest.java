package io.switchboard.gateway.chain;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ProcessingStatus;
import io.switchboard.spi.plugin.PluginResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark measures what it says: every benchmark method does its work and the steps really proceed. */
class ChainStepBenchmarkTest {

    private final ChainStepBenchmark b = new ChainStepBenchmark();

    @BeforeEach
    void setUp() {
        b.setUp();
    }

    @AfterEach
    void tearDown() throws Exception {
        b.tearDown();
    }

    @Test
    void everyBenchmarkShouldRunItsCallsToCompletion() throws Exception {
        assertThat(b.bare()).isInstanceOf(PluginResult.Proceed.class);
        assertThat(((StepOutcome) b.guarded()).kind()).isEqualTo(StepOutcome.Kind.PROCEEDED);
        assertThat(b.bareFour()).isInstanceOf(Contact.class);
        assertThat(((Contact) b.chainOfFour()).processing().status()).isEqualTo(ProcessingStatus.PROCESSED);
        assertThat(((Contact) b.chainOfFour()).processing().skipped()).isEmpty();
        b.bareAsync();
        b.guardedAsync();
        assertThat(b.asyncStep.describe().getJsonObject("counters").getLong("proceeded"))
                .isEqualTo(ChainStepBenchmark.BATCH);
    }
}
