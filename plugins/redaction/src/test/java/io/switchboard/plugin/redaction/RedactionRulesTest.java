package io.switchboard.plugin.redaction;

import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.SecretResolver;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.Redaction;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plugin's rules on contacts, called directly (the test-kit tests run it through its factory). */
class RedactionRulesTest {

    private static final String CARD_TEXT = "Charged twice on 4111 1111 1111 1111!";

    private static RedactionPlugin plugin(JsonObject config) {
        ConfigValues v = RedactionPluginFactory.SPEC.validate(config, SecretResolver.none()).orThrow("test");
        return (RedactionPlugin) new RedactionPluginFactory().create(new MinimalInitContext(v));
    }

    private static Contact contact(Visibility visibility, String text, String subject) {
        return Contact.builder().id("c-1").channel(new ChannelRef("x", "x"))
                .kind(visibility == Visibility.PUBLIC ? ContactKind.MENTION : ContactKind.MESSAGE).visibility(visibility)
                .receivedAt(Instant.parse("2026-11-25T10:00:00Z")).provider(new ProviderRef("x", null, "e-1", null))
                .content(new Content(text, subject, null, List.of())).build();
    }

    @Test
    void shouldAlwaysRedactAPublicContactAndTagItToMoveToPrivate() {
        Contact out = plugin(new JsonObject().put("privateContacts", "detect"))
                .process(contact(Visibility.PUBLIC, CARD_TEXT, null));
        assertThat(out.content().text()).isEqualTo("Charged twice on [redacted payment-card]!");
        assertThat(out.redactions()).containsExactly(new Redaction("payment-card", "content.text", 17, 36, true));
        assertThat(out.tags()).contains("pii-detected", "move-to-private");
        assertThat(out.attributes().getString("redaction", "advice")).isEqualTo("move-to-private");
        assertThat(out.attributes().getString("redaction", "reason")).contains("payment-card").doesNotContain("4111");
    }

    @Test
    void shouldOnlyDetectInAPrivateContactWhenConfiguredToDetect() {
        Contact out = plugin(new JsonObject().put("privateContacts", "detect"))
                .process(contact(Visibility.PRIVATE, CARD_TEXT, null));
        assertThat(out.content().text()).isEqualTo(CARD_TEXT);
        assertThat(out.redactions()).containsExactly(new Redaction("payment-card", "content.text", 17, 36, false));
        assertThat(out.tags()).containsExactly("pii-detected");
    }

    @Test
    void shouldRedactAPrivateContactByDefault() {
        Contact out = plugin(new JsonObject()).process(contact(Visibility.PRIVATE, CARD_TEXT, null));
        assertThat(out.content().text()).doesNotContain("4111");
        assertThat(out.tags()).containsExactly("pii-detected");
    }

    @Test
    void shouldRedactTheSubjectAndCaptionsToo() {
        Contact c = contact(Visibility.PUBLIC, null, "IBAN GB82 WEST 1234 5698 7654 32").toBuilder()
                .content(new Content(null, "IBAN GB82 WEST 1234 5698 7654 32", null,
                        List.of(new Attachment("image", null, "m1", null, null, null, null, "card 5555555555554444"))))
                .build();
        Contact out = plugin(new JsonObject()).process(c);
        assertThat(out.content().subject()).isEqualTo("IBAN [redacted iban]");
        assertThat(out.content().attachments().get(0).caption()).isEqualTo("card [redacted payment-card]");
        assertThat(out.redactions()).extracting(Redaction::field)
                .containsExactly("content.subject", "content.attachments[0].caption");
    }

    @Test
    void shouldLeaveAContactWithoutFindingsUnchanged() {
        Contact c = contact(Visibility.PUBLIC, "my order 1234 is late", null);
        assertThat(plugin(new JsonObject()).process(c)).isSameAs(c);
    }

    @Test
    void shouldRedactAConfiguredAccountNumberPattern() {
        JsonObject cfg = new JsonObject().put("patterns", new JsonArray().add(new JsonObject()
                .put("name", "account-number").put("regex", "(?i)account\\s*(?:no\\.?|number)?\\s*(?<value>\\d{8})")));
        Contact out = plugin(cfg).process(contact(Visibility.PUBLIC, "Account number 12345678 locked", null));
        assertThat(out.content().text()).isEqualTo("Account number [redacted account-number] locked");
    }

    @Test
    void shouldNameTheKeyOfABadPattern() {
        List<ConfigProblem> p = problems(new JsonObject().put("patterns", new JsonArray()
                .add(new JsonObject().put("name", "acct").put("regex", "(unclosed"))
                .add(new JsonObject().put("name", "iban").put("regex", "x+"))
                .add(new JsonObject().put("name", "Bad Name").put("regex", ".*"))
                .add("not-a-mapping")));
        assertThat(p).extracting(ConfigProblem::path).containsExactly("patterns[0].regex", "patterns[1].name",
                "patterns[2].name", "patterns[2].regex", "patterns[3]");
    }

    @Test
    void shouldNameTheKeyOfAnUnknownDetector() {
        assertThat(problems(new JsonObject().put("detect", new JsonArray().add("iban").add("ssn"))))
                .extracting(ConfigProblem::toString).containsExactly("detect[1]: must be one of payment-card, iban (was: ssn)");
    }

    @Test
    void shouldRejectAReplacementContainingDigits() {
        assertThat(problems(new JsonObject().put("replacement", "XXXX-0000"))).extracting(ConfigProblem::path)
                .containsExactly("replacement");
    }

    @Test
    void shouldRejectAnUnknownPrivateContactsMode() {
        assertThat(problems(new JsonObject().put("privateContacts", "ignore"))).extracting(ConfigProblem::path)
                .containsExactly("privateContacts");
    }

    private static List<ConfigProblem> problems(JsonObject cfg) {
        ConfigSpec spec = new RedactionPluginFactory().configSpec();
        return spec.validate(cfg, SecretResolver.none()).problems();
    }
}
