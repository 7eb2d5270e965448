package io.switchboard.spi.testkit;

import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.Identifier;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.switchboard.spi.testkit.PluginAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginTesterTest {

    private static PluginTester tester(String behaviour) {
        return PluginTester.of(new SamplePlugins.Behaving()).config(Map.of("behaviour", behaviour, "tag", "seen"))
                .timeLimit(Duration.ofMillis(300)).build();
    }

    @Test
    void proceedingPluginShouldYieldTheEnrichedContact() {
        try (PluginTester t = tester("tag")) {
            Contact c = TestContacts.sms().from("+447700900123").text("hello").build();
            PluginOutcome o = t.run(c);
            assertThat(o).proceeded().hasTag("seen").hasAttribute("sample", "step", "test.behaving")
                    .hasAttribute("sample", "keyed", false);
            assertThat(o.contact().id()).isEqualTo(c.id());
        }
    }

    @Test
    void rejectingPluginShouldYieldItsReason() {
        try (PluginTester t = tester("reject")) {
            assertThat(t.run(TestContacts.any())).isRejectedWith("not-wanted");
        }
    }

    @Test
    void throwingPluginShouldBeAFailureNamingTheException() {
        try (PluginTester t = tester("throw")) {
            assertThat(t.run(TestContacts.any())).hasFailedWith(IllegalStateException.class)
                    .hasFailureReason("error:IllegalStateException");
        }
    }

    @Test
    void failedFutureShouldBeAFailure() {
        try (PluginTester t = tester("fail")) {
            assertThat(t.run(TestContacts.any())).hasFailedWith(IOException.class).hasFailureReason("error:IOException");
        }
    }

    @Test
    void nullFutureShouldBeAFailure() {
        try (PluginTester t = tester("null-future")) {
            assertThat(t.run(TestContacts.any())).hasFailureReason("null-result");
        }
    }

    @Test
    void nullResultShouldBeAFailure() {
        try (PluginTester t = tester("null-result")) {
            assertThat(t.run(TestContacts.any())).hasFailureReason("null-result");
        }
    }

    @Test
    void proceedingWithAnotherContactIdShouldBeAFailure() {
        try (PluginTester t = tester("new-id")) {
            assertThat(t.run(TestContacts.any())).hasFailureReason("invalid-result");
        }
    }

    @Test
    void hangingPluginShouldTimeOutAtTheTimeLimit() {
        try (PluginTester t = tester("hang")) {
            PluginOutcome o = t.run(TestContacts.any());
            assertThat(o).hasTimedOut().hasFailureReason("timeout");
            assertThat(o.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void pluginBlockingTheEventLoopShouldFailTheRun() {
        try (PluginTester t = tester("block-loop")) {
            assertThatThrownBy(() -> t.run(TestContacts.any())).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("held the event loop");
        }
    }

    @Test
    void blockingPluginShouldRunOnAWorkerThread() {
        try (PluginTester t = PluginTester.of(new SamplePlugins.Blocking()).build()) {
            assertThat(t.blocking()).isTrue();
            PluginOutcome o = t.run(TestContacts.any());
            assertThat(o.eventLoopTime()).isZero();
            assertThat(o.contact().attributes().getString("sample", "thread")).doesNotContain("eventloop");
        }
    }

    @Test
    void concurrentRunsShouldEachGetTheirOwnOutcome() {
        try (PluginTester t = tester("tag")) {
            List<Contact> cs = List.of(TestContacts.any(), TestContacts.tweet().build(), TestContacts.call().build());
            List<PluginOutcome> os = t.runAll(cs);
            assertThat(os).extracting(o -> o.contact().id()).containsExactly(cs.get(0).id(), cs.get(1).id(),
                    cs.get(2).id());
        }
    }

    @Test
    void invalidConfigurationShouldReportEveryProblemAtOnce() {
        assertThatThrownBy(() -> PluginTester.of(new SamplePlugins.Behaving())
                .config(Map.of("behaviour", "dance", "weight", 0, "colour", "red")).build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactlyInAnyOrder("colour", "behaviour", "tag", "weight"))
                .hasMessageContaining("plugin 'behaving': weight: must be at least 1 (was: 0)");
    }

    @Test
    void validateShouldListProblemsWithoutCreatingThePlugin() {
        assertThat(PluginTester.validate(new SamplePlugins.Behaving(), Map.of("tag", "x", "weight", "heavy")))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("weight");
                    assertThat(p.message()).isEqualTo("must be a whole number");
                });
    }

    @Test
    void crossFieldProblemRaisedByTheFactoryShouldBeReportedLikeASpecProblem() {
        assertThatThrownBy(() -> PluginTester.of(new SamplePlugins.Behaving())
                .config(Map.of("tag", "x", "min", 5, "max", 2)).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("plugin 'behaving': min: must not exceed max (was: 5)");
    }

    @Test
    void missingSecretShouldBeAProblemAndAGivenOneShouldResolve() {
        assertThatThrownBy(() -> PluginTester.of(new SamplePlugins.Behaving())
                .config(Map.of("tag", "x", "apiKey", "${env:SAMPLE_KEY}")).build())
                .hasMessageContaining("apiKey: environment variable SAMPLE_KEY is not set");
        try (PluginTester t = PluginTester.of(new SamplePlugins.Behaving())
                .config(Map.of("tag", "x", "apiKey", "${env:SAMPLE_KEY}")).env(Map.of("SAMPLE_KEY", "k-123456789"))
                .build()) {
            assertThat(t.run(TestContacts.any())).proceeded().hasAttribute("sample", "keyed", true);
        }
    }

    @Test
    void pluginBuiltForAnotherSpiShouldBeRefusedNamingBothVersions() {
        assertThatThrownBy(() -> PluginTester.of(new SamplePlugins.Incompatible()).config(Map.of("tag", "x")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("built for SPI 0.9, but this test kit runs SPI 1.0");
    }

    @Test
    void serviceShouldReachThePlugin() {
        InMemoryCustomerDirectory dir = new InMemoryCustomerDirectory()
                .seed("default", "c-42", "gold", new Identifier(Identifier.PHONE, "+447700900123"));
        try (PluginTester t = PluginTester.of(new SamplePlugins.Behaving())
                .config(Map.of("behaviour", "lookup", "tag", "x")).service(CustomerDirectory.class, dir).build()) {
            assertThat(t.run(TestContacts.whatsApp().from("447700900123").build())).proceeded()
                    .hasAttribute("sample", "customer", "c-42");
        }
    }

    @Test
    void failingServiceShouldFailThePluginCallThenHeal() {
        ServiceFaults<CustomerDirectory> dir = ServiceFaults.of(CustomerDirectory.class,
                new InMemoryCustomerDirectory()).failNext(1, new IOException("directory down"));
        try (PluginTester t = PluginTester.of(new SamplePlugins.Behaving())
                .config(Map.of("behaviour", "lookup", "tag", "x")).service(dir).build()) {
            Contact c = TestContacts.call().from("+447700900123").build();
            assertThat(t.run(c)).hasFailedWith(IOException.class);
            assertThat(t.run(c)).proceeded();
            assertThat(dir.calls()).isEqualTo(2);
        }
    }

    @Test
    void hangingServiceShouldTimeTheStepOut() {
        ServiceFaults<CustomerDirectory> dir = ServiceFaults.of(CustomerDirectory.class,
                new InMemoryCustomerDirectory()).hangAlways();
        try (PluginTester t = PluginTester.of(new SamplePlugins.Behaving())
                .config(Map.of("behaviour", "lookup", "tag", "x")).service(dir).timeLimit(Duration.ofMillis(200))
                .build()) {
            assertThat(t.run(TestContacts.call().from("+447700900123").build())).hasTimedOut();
        }
    }

    @Test
    void slowServiceShouldDelayWithoutBlockingAndTimeOutPastTheLimit() {
        ServiceFaults<CustomerDirectory> dir = ServiceFaults.of(CustomerDirectory.class,
                new InMemoryCustomerDirectory()).delay(Duration.ofMillis(150));
        Contact c = TestContacts.call().from("+447700900123").build();
        try (PluginTester t = PluginTester.of(new SamplePlugins.Behaving())
                .config(Map.of("behaviour", "lookup", "tag", "x")).service(dir).timeLimit(Duration.ofSeconds(5))
                .build()) {
            PluginOutcome o = t.run(c);
            assertThat(o).proceeded();
            assertThat(o.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            assertThat(o.eventLoopTime()).isLessThan(Duration.ofMillis(150));
        }
        try (PluginTester t = PluginTester.of(new SamplePlugins.Behaving())
                .config(Map.of("behaviour", "lookup", "tag", "x")).service(dir).timeLimit(Duration.ofMillis(50))
                .build()) {
            assertThat(t.run(c)).hasTimedOut();
        }
    }

    @Test
    void runOnAVertxThreadShouldBeRefused() throws Exception {
        try (PluginTester t = tester("tag")) {
            var f = new java.util.concurrent.CompletableFuture<Throwable>();
            t.vertx().runOnContext(v -> {
                try {
                    t.run(TestContacts.any());
                    f.complete(null);
                } catch (Throwable e) {
                    f.complete(e);
                }
            });
            assertThat(f.get()).isInstanceOf(IllegalStateException.class);
        }
    }
}
