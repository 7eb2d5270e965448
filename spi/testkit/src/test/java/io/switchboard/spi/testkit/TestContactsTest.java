package io.switchboard.spi.testkit;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static io.switchboard.spi.testkit.PluginAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class TestContactsTest {

    @Test
    void tweetShouldBeAPublicMentionIdentifiedByItsXUserId() {
        Contact c = TestContacts.tweet().userId("2244994945").handle("@janecust").text("@acme down again").build();
        assertThat(c.kind()).isEqualTo(ContactKind.MENTION);
        assertThat(c.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(c.channel().type()).isEqualTo("x");
        assertThat(c.sender().userId().key()).isEqualTo("x:global:2244994945");
        assertThat(c.sender().handle()).isEqualTo("@janecust");
        assertThat(c.content().text()).isEqualTo("@acme down again");
    }

    @Test
    void whatsAppSenderShouldBeNormalisedToE164WithProviderAssurance() {
        Contact c = TestContacts.whatsApp().from("447700900123").text("hi").build();
        assertThat(c.sender().phone().e164()).isEqualTo("+447700900123");
        assertThat(c.sender().phone().assurance()).isEqualTo(Assurance.PROVIDER);
        assertThat(c.visibility()).isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void formShouldCarrySelfAssertedIdentifiersReadInItsRegion() {
        Contact c = TestContacts.form().region("GB").from("07700 900123").email(" Jane.Doe@Example.com ").build();
        assertThat(c.sender().phone().e164()).isEqualTo("+447700900123");
        assertThat(c.sender().phone().assurance()).isEqualTo(Assurance.SELF_ASSERTED);
        assertThat(c.sender().email().address()).isEqualTo("jane.doe@example.com");
        assertThat(c.sender().email().assurance()).isEqualTo(Assurance.SELF_ASSERTED);
    }

    @Test
    void emailSenderShouldBeProviderAsserted() {
        assertThat(TestContacts.email().email("bob@example.com").build().sender().email().assurance())
                .isEqualTo(Assurance.PROVIDER);
    }

    @Test
    void fixtureShouldSetWhatEarlierStepsWouldHave() {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        Contact c = TestContacts.call().from("+447700900123").at(at).tenant("acme").customer("c-1", MatchLevel.STRONG)
                .conversation("conv-1").tag("vip").attribute("twilio", "city", "London").eventId("CA123")
                .thread("CA123").build();
        assertThat(c.receivedAt()).isEqualTo(at);
        assertThat(c.tenant()).isEqualTo("acme");
        assertThat(c.provider().eventId()).isEqualTo("CA123");
        assertThat(c.thread().threadId()).isEqualTo("CA123");
        assertThat(c).isLinkedTo("c-1").hasMatchLevel(MatchLevel.STRONG).hasConversationKey("conv-1").hasTag("vip")
                .hasAttribute("twilio", "city", "London");
    }

    @ParameterizedTest
    @EnumSource(ContactKind.class)
    void everyKindShouldHaveAPreset(ContactKind kind) {
        Contact a = TestContacts.of(kind).build();
        Contact b = TestContacts.of(kind).build();
        assertThat(a.kind()).isEqualTo(kind);
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.provider().eventId()).isNotEqualTo(b.provider().eventId());
    }

    @Test
    void impossibleNumberShouldBeKeptRawWithoutE164() {
        Contact c = TestContacts.sms().from("12").build();
        assertThat(c.sender().phone().e164()).isNull();
        assertThat(c.sender().phone().raw()).isEqualTo("12");
    }
}
