package io.switchboard.plugin.continuity;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.EmailAddress;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.testkit.TestContacts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class PartyKeysPropertyTest {

    @Property
    void aPartyKeyNeverCarriesTheIdentifierItIsDerivedFrom(@ForAll("digits") String number, @ForAll("words") String local) {
        Party p = new Party(null, null, null, new PhoneNumber("+44" + number, "+44" + number, true, Assurance.PROVIDER),
                new EmailAddress(local + "@example.com", Assurance.SELF_ASSERTED));
        String key = PartyKeys.of(TestContacts.sms().sender(p).build()).key();
        assertThat(key).startsWith("phone:").doesNotContain(number).doesNotContain(local + "@");
        assertThat(key).hasSize("phone:".length() + 32);
    }

    @Property
    void theSameIdentifierGivesTheSameKeyOnEveryChannel(@ForAll("digits") String number) {
        PhoneNumber phone = new PhoneNumber("+44" + number, "0" + number, true, Assurance.PROVIDER);
        Contact sms = TestContacts.sms().sender(Party.UNKNOWN.withPhone(phone)).build();
        Contact call = TestContacts.call().sender(Party.UNKNOWN.withPhone(phone)).build();
        Contact wa = TestContacts.whatsApp().sender(Party.UNKNOWN.withPhone(phone)).build();
        assertThat(PartyKeys.of(sms)).isEqualTo(PartyKeys.of(call)).isEqualTo(PartyKeys.of(wa));
    }

    @Property
    void theBestAssuredIdentifierIsTheParty(@ForAll("digits") String number, @ForAll("words") String id) {
        Party p = new Party(new ProviderUserId("x", "global", id, Assurance.PROVIDER), null, null,
                new PhoneNumber("+44" + number, "+44" + number, true, Assurance.SELF_ASSERTED),
                new EmailAddress(id + "@example.com", Assurance.VERIFIED));
        assertThat(PartyKeys.of(TestContacts.form().sender(p).build()).kind()).isEqualTo("email");
        Party q = new Party(new ProviderUserId("x", "global", id, Assurance.PROVIDER), null, null,
                new PhoneNumber("+44" + number, "+44" + number, true, Assurance.PROVIDER), null);
        assertThat(PartyKeys.of(TestContacts.form().sender(q).build()).kind()).as("ties go to the provider user id")
                .isEqualTo("provider-user");
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().numeric().ofLength(10);
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(3).ofMaxLength(12).map(s -> s.toLowerCase(java.util.Locale.ROOT));
    }
}
