package io.switchboard.plugin.priority;

import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.PriorityBand;
import io.switchboard.spi.service.Conversations;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.testkit.InMemoryConversations;
import io.switchboard.spi.testkit.InMemoryCustomerDirectory;
import io.switchboard.spi.testkit.PluginOutcome;
import io.switchboard.spi.testkit.PluginTester;
import io.switchboard.spi.testkit.ServiceFaults;
import io.switchboard.spi.testkit.TestClock;
import io.switchboard.spi.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.switchboard.spi.testkit.PluginAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The priority plugin through its factory, on the test kit. */
class PriorityPluginTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final TestClock clock = TestClock.at(T0);
    private final InMemoryCustomerDirectory directory = new InMemoryCustomerDirectory(clock)
            .seed("default", "cust-1", "gold");
    private final InMemoryConversations conversations = new InMemoryConversations(clock);
    private PluginTester tester;

    @AfterEach
    void close() {
        if (tester != null) {
            tester.close();
        }
    }

    private PluginTester tester(Map<String, Object> config) {
        tester = PluginTester.of(new PriorityPluginFactory()).config(config).clock(clock)
                .service(CustomerDirectory.class, directory).service(Conversations.class, conversations).build();
        return tester;
    }

    @Test
    void aLinkedGoldCustomersOutageReportIsP2WithItsReasons() {
        PluginOutcome o = tester(Map.of()).run(TestContacts.whatsApp().from("+447700900123").at(T0)
                .customer("cust-1", MatchLevel.STRONG).text("The app is down, I cannot log in").build());
        assertThat(o).proceeded().hasPriorityScore(65).hasPriorityBand(PriorityBand.P2)
                .hasPriorityReason("base").hasPriorityReason("intent.outage").hasPriorityReason("tier.gold")
                .hasPriorityReason("language.en");
    }

    @Test
    void theConversationIsReadFromTheServiceWhenContinuityLeftNoAttributes() {
        String key = conversations.join("default", "customer:cust-1", "c-0", "sms", null, T0.minus(Duration.ofHours(6)),
                Duration.ofHours(72)).result().key();
        conversations.join("default", "customer:cust-1", "c-1", "sms", null, T0.minus(Duration.ofHours(5)), Duration.ofHours(72));
        PluginOutcome o = tester(Map.of()).run(TestContacts.sms().from("+447700900123").at(T0).conversation(key)
                .text("hello?").build());
        // 20 base + 5 (contact 2) = 25: P4, target 24h; waited 6h, not over.
        assertThat(o).proceeded().hasPriorityScore(25).hasPriorityReason("repeat.contacts");
    }

    @Test
    void aFailingDirectoryLeavesTheTierOutInsteadOfFailing() {
        ServiceFaults<CustomerDirectory> faults = ServiceFaults.of(CustomerDirectory.class, directory);
        tester = PluginTester.of(new PriorityPluginFactory()).clock(clock).service(faults).build();
        faults.failAlways(new IOException("directory down"));
        PluginOutcome o = tester.run(TestContacts.sms().customer("cust-1", MatchLevel.STRONG).at(T0).text("hi").build());
        assertThat(o).proceeded().hasPriorityScore(20);
    }

    @Test
    void theSameTextScoresTheSameInPublicAndInPrivate() {
        PluginTester t = tester(Map.of());
        String text = "Third time asking: I want to cancel, my lawyer is involved";
        PluginOutcome tweet = t.run(TestContacts.tweet().userId("1").at(T0).text(text).attribute("x", "followersCount", 2_000_000).build());
        PluginOutcome dm = t.run(TestContacts.xDirectMessage().userId("1").at(T0).text(text).build());
        PluginOutcome comment = t.run(TestContacts.instagramComment().userId("2").at(T0).text(text).build());
        assertThat(tweet.contact().priority()).isEqualTo(dm.contact().priority()).isEqualTo(comment.contact().priority());
    }

    @Test
    void configurationProblemsAreReportedWithTheirKeys() {
        assertThatThrownBy(() -> tester(Map.of("bands", Map.of("p1", 10), "exposure", Map.of("maxPoints", 40))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exposure.maxPoints: must be between 0 and 20 (was: 40)");
        assertThatThrownBy(() -> tester(Map.of("bands", Map.of("p1", 10)))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bands: thresholds must satisfy p1 > p2 > p3");
    }

    @Test
    void theStepNeverHoldsTheEventLoop() {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            longText.append("the service is down again and again, third time I write, fraud on my card. ");
        }
        PluginOutcome o = tester(Map.of()).run(TestContacts.email().at(T0).text(longText.toString()).build());
        assertThat(o).proceeded().hasPriorityReason("intent.fraud");
        assertThat(o.eventLoopTime()).isLessThan(Duration.ofMillis(200));
    }
}
