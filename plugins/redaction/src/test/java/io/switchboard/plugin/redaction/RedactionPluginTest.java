package io.switchboard.plugin.redaction;

import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.testkit.PluginOutcome;
import io.switchboard.spi.testkit.PluginTester;
import io.switchboard.spi.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.switchboard.spi.testkit.PluginAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The redaction plugin through its factory, on the test kit. */
class RedactionPluginTest {

    private PluginTester tester;

    @AfterEach
    void close() {
        if (tester != null) {
            tester.close();
        }
    }

    private PluginTester tester(Map<String, Object> config) {
        tester = PluginTester.of(new RedactionPluginFactory()).config(config).build();
        return tester;
    }

    @Test
    void aCardNumberInAPublicCommentIsRedactedAndTheContactFlagged() {
        PluginOutcome o = tester(Map.of("privateContacts", "detect")).run(TestContacts.facebookComment()
                .text("Refund me! card 4111 1111 1111 1111 exp 12/29").build());
        assertThat(o).proceeded().textDoesNotContain("4111").hasText("Refund me! card [redacted payment-card] exp 12/29")
                .hasRedaction("payment-card").hasTag("move-to-private", "pii-detected")
                .hasAttribute("redaction", "advice", "move-to-private");
    }

    @Test
    void anIbanInAPublicTweetIsRedacted() {
        assertThat(tester(Map.of()).run(TestContacts.tweet().text("@acme send it to DE89 3704 0044 0532 0130 00").build()))
                .proceeded().hasText("@acme send it to [redacted iban]").hasRedaction("iban");
    }

    @Test
    void aPrivateMessageIsOnlyFlaggedWhenConfiguredToDetect() {
        PluginOutcome o = tester(Map.of("privateContacts", "detect"))
                .run(TestContacts.whatsApp().text("my card 5555 5555 5555 4444").build());
        assertThat(o).proceeded().hasText("my card 5555 5555 5555 4444").hasRedaction("payment-card")
                .hasTag("pii-detected").doesNotHaveTag("move-to-private");
        assertThat(o.contact().redactions()).singleElement().satisfies(r -> assertThat(r.redacted()).isFalse());
    }

    @Test
    void aConfiguredAccountNumberIsRedacted() {
        PluginOutcome o = tester(Map.of("patterns", List.of(Map.of("name", "account-number",
                "regex", "(?i)\\bacc(?:oun)?t\\.?\\s*(?:no\\.?|number)?\\s*(?<value>\\d{8})\\b"))))
                .run(TestContacts.instagramComment().text("acct no 12345678 is frozen").build());
        assertThat(o).proceeded().hasText("acct no [redacted account-number] is frozen").hasRedaction("account-number");
    }

    @Test
    void aContactWithoutFindingsIsUnchanged() {
        assertThat(tester(Map.of()).run(TestContacts.tweet().text("order 1234 is late").build())).proceededUnchanged();
    }

    @Test
    void aLongTextIsScannedOffTheEventLoop() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < RedactionPlugin.INLINE_LIMIT * 4) {
            sb.append("lorem ipsum 4111 1111 1111 1111 dolor ");
        }
        PluginOutcome o = tester(Map.of()).run(TestContacts.email().text(sb.toString()).build());
        assertThat(o).proceeded().textDoesNotContain("4111");
        assertThat(o.eventLoopTime().toMillis()).isLessThan(50);
    }

    @Test
    void aBadPatternFailsCreationNamingTheKey() {
        assertThatThrownBy(() -> tester(Map.of("patterns", List.of(Map.of("name", "acct", "regex", "(")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("patterns[0].regex: is not a valid regular expression");
    }
}
