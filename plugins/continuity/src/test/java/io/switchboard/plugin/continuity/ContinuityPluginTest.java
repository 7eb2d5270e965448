package io.switchboard.plugin.continuity;

import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.service.ConversationRecord;
import io.switchboard.spi.service.Conversations;
import io.switchboard.spi.testkit.InMemoryConversations;
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
import java.util.List;
import java.util.Map;

import static io.switchboard.spi.testkit.PluginAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContinuityPluginTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final TestClock clock = TestClock.at(T0);
    private final InMemoryConversations conversations = new InMemoryConversations(clock);
    private PluginTester tester;

    private PluginTester tester(Map<String, Object> config) {
        tester = PluginTester.of(new ContinuityPluginFactory()).config(config).clock(clock)
                .service(Conversations.class, conversations).build();
        return tester;
    }

    @AfterEach
    void close() {
        if (tester != null) {
            tester.close();
        }
    }

    private static String key(PluginOutcome o) {
        assertThat(o).proceeded().hasAConversationKey();
        return o.contact().conversationKey();
    }

    @Test
    void aTweetThenADmThenACallOfOneCustomerAreOneConversation() {
        PluginTester t = tester(Map.of());
        String k1 = key(t.run(TestContacts.tweet().customer("cust-1", MatchLevel.STRONG).at(T0)
                .thread("1719000000000000000").text("@acme outage again").build()));
        String k2 = key(t.run(TestContacts.xDirectMessage().customer("cust-1", MatchLevel.STRONG)
                .at(T0.plus(Duration.ofMinutes(10))).text("details here").build()));
        PluginOutcome call = t.run(TestContacts.call().customer("cust-1", MatchLevel.STRONG).from("+447700900123")
                .thread("CA1234").at(T0.plus(Duration.ofHours(30))).build());
        assertThat(key(call)).isEqualTo(k1).isEqualTo(k2);
        assertThat(call).proceeded().hasAttribute("continuity", "contactCount", 3)
                .hasAttribute("continuity", "channels", 2).hasAttribute("continuity", "openedAt", T0.toString())
                .hasAttribute("continuity", "party", "customer");
        assertThat(conversations.all()).singleElement().satisfies(c -> assertThat(c.partyKey()).isEqualTo("customer:cust-1"));
    }

    @Test
    void aContactAfterTheWindowOpensANewConversation() {
        PluginTester t = tester(Map.of());
        String k1 = key(t.run(TestContacts.sms().customer("cust-1", MatchLevel.STRONG).at(T0).build()));
        String k2 = key(t.run(TestContacts.sms().customer("cust-1", MatchLevel.STRONG)
                .at(T0.plus(Duration.ofHours(73))).build()));
        assertThat(k2).isNotEqualTo(k1);
    }

    @Test
    void theWindowIsConfigurable() {
        PluginTester t = tester(Map.of("window", "1h"));
        String k1 = key(t.run(TestContacts.sms().customer("cust-1", MatchLevel.STRONG).at(T0).build()));
        String k2 = key(t.run(TestContacts.sms().customer("cust-1", MatchLevel.STRONG)
                .at(T0.plus(Duration.ofMinutes(59))).build()));
        String k3 = key(t.run(TestContacts.sms().customer("cust-1", MatchLevel.STRONG)
                .at(T0.plus(Duration.ofMinutes(59 + 61))).build()));
        assertThat(k2).isEqualTo(k1);
        assertThat(k3).isNotEqualTo(k1);
    }

    @Test
    void unidentifiedContactsFromTheSameNumberJoinAcrossChannels() {
        PluginTester t = tester(Map.of());
        String wa = key(t.run(TestContacts.whatsApp().from("+447700900123").at(T0).build()));
        PluginOutcome sms = t.run(TestContacts.sms().from("+447700900123").at(T0.plusSeconds(60)).build());
        assertThat(key(sms)).isEqualTo(wa);
        assertThat(sms).proceeded().hasAttribute("continuity", "party", "phone");
        assertThat(conversations.all()).singleElement().satisfies(c -> assertThat(c.partyKey())
                .startsWith("phone:").doesNotContain("7700900123"));
    }

    @Test
    void aResolvedConversationIsNotReopened() {
        PluginTester t = tester(Map.of());
        String k1 = key(t.run(TestContacts.sms().customer("cust-1", MatchLevel.STRONG).at(T0).build()));
        assertThat(conversations.resolve("default", k1).result()).isTrue();
        String k2 = key(t.run(TestContacts.sms().customer("cust-1", MatchLevel.STRONG).at(T0.plusSeconds(60)).build()));
        assertThat(k2).isNotEqualTo(k1);
        assertThat(conversations.get("default", k1).result().contactCount()).isEqualTo(1);
    }

    @Test
    void aReplyInAKnownPrivateThreadStaysInItsConversationEvenUnidentified() {
        PluginTester t = tester(Map.of());
        String k1 = key(t.run(TestContacts.email().customer("cust-1", MatchLevel.STRONG).email("jane@example.com")
                .thread("<root-1@mail.example.com>").at(T0).build()));
        PluginOutcome reply = t.run(TestContacts.email().email("jane.private@example.net")
                .thread("<root-1@mail.example.com>").at(T0.plus(Duration.ofDays(5))).build());
        assertThat(key(reply)).as("in its thread's conversation, even after the window").isEqualTo(k1);
        assertThat(reply).proceeded().hasAttribute("continuity", "joinedBy", "thread");
    }

    @Test
    void aReplyInTheThreadOfAResolvedConversationOpensANewOne() {
        PluginTester t = tester(Map.of());
        String k1 = key(t.run(TestContacts.email().email("jane@example.com").thread("<root-2@x>").at(T0).build()));
        conversations.resolve("default", k1);
        String k2 = key(t.run(TestContacts.email().email("jane@example.com").thread("<root-2@x>").at(T0.plusSeconds(5)).build()));
        assertThat(k2).isNotEqualTo(k1);
        assertThat(conversations.byThread("default", "email", "<root-2@x>").result().key())
                .as("the thread now belongs to the new conversation").isEqualTo(k2);
    }

    @Test
    void publicThreadsAreSharedByManyPeopleAndNotFollowed() {
        PluginTester t = tester(Map.of());
        ThreadRef post = new ThreadRef(null, null, "page-1_post-9");
        String a = key(t.run(TestContacts.facebookComment().userId("600001").thread(post).at(T0).build()));
        String b = key(t.run(TestContacts.facebookComment().userId("600002").thread(post).at(T0.plusSeconds(1)).build()));
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void threadsCanBeIgnored() {
        PluginTester t = tester(Map.of("followThreads", false));
        String k1 = key(t.run(TestContacts.email().email("a@example.com").thread("<t@x>").at(T0).build()));
        String k2 = key(t.run(TestContacts.email().email("b@example.com").thread("<t@x>").at(T0.plusSeconds(1)).build()));
        assertThat(k2).isNotEqualTo(k1);
    }

    @Test
    void aContactWithoutAnyIdentifierIsItsOwnConversation() {
        PluginTester t = tester(Map.of());
        String k1 = key(t.run(TestContacts.form().text("anonymous").at(T0).build()));
        String k2 = key(t.run(TestContacts.form().text("anonymous").at(T0.plusSeconds(1)).build()));
        assertThat(k2).isNotEqualTo(k1);
    }

    @Test
    void statusEventsDoNotJoinUnlessConfigured() {
        Contact status = TestContacts.of(ContactKind.STATUS).from("+447700900123").at(T0).build();
        assertThat(tester(Map.of()).run(status)).proceededUnchanged();
        tester.close();
        assertThat(tester(Map.of("statusEvents", true)).run(status)).proceeded().hasAConversationKey();
    }

    @Test
    void aFailingConversationsServiceFailsTheStep() {
        ServiceFaults<Conversations> faults = ServiceFaults.of(Conversations.class, conversations);
        tester = PluginTester.of(new ContinuityPluginFactory()).service(faults).build();
        faults.failAlways(new IOException("store down"));
        assertThat(tester.run(TestContacts.sms().from("+447700900123").build())).hasFailedWith(IOException.class);
    }

    @Test
    void withoutTheConversationsServiceThePluginCannotBeCreated() {
        assertThatThrownBy(() -> PluginTester.of(new ContinuityPluginFactory()).build())
                .hasMessageContaining("needs the Conversations service");
    }

    @Test
    void invalidKeysAreNamed() {
        List<ConfigProblem> p = PluginTester.validate(new ContinuityPluginFactory(),
                Map.of("window", "0s", "followThreads", "sometimes", "colour", "blue"));
        assertThat(p).extracting(ConfigProblem::path).containsExactlyInAnyOrder("window", "followThreads", "colour");
        assertThatThrownBy(() -> tester(Map.of("window", "forever"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("window: must be a duration");
    }

    @Test
    void concurrentContactsOfOnePartyJoinOneConversation() {
        PluginTester t = tester(Map.of());
        List<Contact> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(TestContacts.sms().from("+447700900123").at(T0.plusMillis(i)).build());
        }
        List<PluginOutcome> outs = t.runAll(burst);
        assertThat(outs).extracting(o -> o.contact().conversationKey()).containsOnly(outs.get(0).contact().conversationKey());
        assertThat(conversations.all()).extracting(ConversationRecord::contactCount).containsExactly(20);
    }
}
