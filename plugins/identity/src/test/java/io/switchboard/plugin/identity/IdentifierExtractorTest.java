package io.switchboard.plugin.identity;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.testkit.TestContacts;
import io.switchboard.spi.testkit.TestPhoneNumbers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierExtractorTest {

    private static IdentifierExtractor extractor(Map<String, String> regions, String defaultRegion) {
        return new IdentifierExtractor(TestPhoneNumbers.get(), regions, defaultRegion,
                List.of(new IdentifierExtractor.RegionAttribute("twilio", "fromCountry")), true);
    }

    private final IdentifierExtractor plain = extractor(Map.of(), null);

    private static List<Identifier> ids(List<Observed> o) {
        return o.stream().map(Observed::identifier).toList();
    }

    @Test
    void aProviderUserIdIsKeyedOnProviderScopeAndIdNeverOnTheHandle() {
        Contact c = TestContacts.messenger().userId("page-1", "6000000000001").handle("@janecust").text("hi").build();
        List<Observed> o = plain.extract(c);
        assertThat(o.get(0)).isEqualTo(new Observed(new Identifier("provider-user", "meta:page-1:6000000000001"),
                MatchLevel.STRONG, Assurance.PROVIDER, "sender.userId"));
        assertThat(o).filteredOn(x -> x.identifier().type().equals("handle"))
                .extracting(Observed::level).containsOnly(MatchLevel.WEAK);
    }

    @Test
    void anEmailIsTrimmedAndLowerCasedWithoutFoldingDotsOrTags() {
        Contact c = TestContacts.form().with(b -> b.sender(b.sender().withEmail(
                new io.switchboard.spi.contact.EmailAddress("  Jane.Customer+Billing@Example.COM ", Assurance.SELF_ASSERTED))))
                .build();
        assertThat(plain.extract(c)).first().isEqualTo(new Observed(new Identifier("email",
                "jane.customer+billing@example.com"), MatchLevel.MEDIUM, Assurance.SELF_ASSERTED, "sender.email"));
    }

    @Test
    void aNetworkNumberIsStrongAndAFormNumberMedium() {
        Contact call = TestContacts.call().from("+447700900123").build();
        Contact form = TestContacts.form().phone("+447700900123", Assurance.SELF_ASSERTED).build();
        assertThat(plain.extract(call)).extracting(Observed::level).containsExactly(MatchLevel.STRONG);
        assertThat(plain.extract(form)).extracting(Observed::level).containsExactly(MatchLevel.MEDIUM);
    }

    @Test
    void aNationalNumberIsReadInTheCountryTheProviderReports() {
        Contact sms = TestContacts.sms().from("07700 900123").attribute("twilio", "fromCountry", "GB").build();
        assertThat(sms.sender().phone().e164()).as("the fixture could not normalise it without a region").isNull();
        assertThat(ids(plain.extract(sms))).containsExactly(new Identifier("phone", "+447700900123"));
    }

    @Test
    void aNationalNumberIsReadInTheRegionOfTheBusinessNumberItWasSentTo() {
        Contact wa = TestContacts.whatsApp().from("(202) 555-0147")
                .to(new Endpoint("phone", "106540352242922", "+15550783881", "Acme")).build();
        assertThat(ids(plain.extract(wa))).containsExactly(new Identifier("phone", "+12025550147"));
    }

    @Test
    void aNationalNumberIsReadInTheChannelsConfiguredRegion() {
        Contact sms = TestContacts.sms().channel("sms-fr", "twilio-messaging").from("06 12 34 56 78").build();
        assertThat(ids(extractor(Map.of("sms-fr", "FR"), "GB").extract(sms)))
                .containsExactly(new Identifier("phone", "+33612345678"));
        assertThat(ids(extractor(Map.of(), "GB").extract(sms))).as("the configured default, for other channels")
                .containsExactly(new Identifier("phone", "+44612345678"));
    }

    @Test
    void withoutAnyRegionANationalNumberIsNotGuessed() {
        Contact sms = TestContacts.sms().from("07700 900123").build();
        assertThat(plain.extract(sms)).isEmpty();
        assertThat(plain.region(sms)).isNull();
    }

    @Test
    void numbersInTheTextAreWeakAndReadInTheSendersOwnRegion() {
        Contact c = TestContacts.whatsApp().from("+33612345678")
                .text("Call me on 07 11 22 33 44 or mail jane@example.com, not 12").build();
        List<Observed> o = plain.extract(c);
        assertThat(o).filteredOn(x -> x.source().equals("content.text")).containsExactly(
                new Observed(new Identifier("phone", "+33711223344"), MatchLevel.WEAK, Assurance.INFERRED, "content.text"),
                new Observed(new Identifier("email", "jane@example.com"), MatchLevel.WEAK, Assurance.INFERRED, "content.text"));
    }

    @Test
    void aSingleWordNameIsNotASignal() {
        assertThat(plain.extract(TestContacts.telegram().name("Jane").text("hi").build())).isEmpty();
        assertThat(ids(plain.extract(TestContacts.telegram().name("  Jane   CUSTOMER ").build())))
                .containsExactly(new Identifier("name", "jane customer"));
    }

    @Test
    void weakSignalsCanBeSwitchedOff() {
        IdentifierExtractor strict = new IdentifierExtractor(TestPhoneNumbers.get(), Map.of(), null, List.of(), false);
        Contact c = TestContacts.tweet().userId("2244994945").handle("@janecust").name("Jane Customer")
                .text("my number is +447700900123").build();
        assertThat(ids(strict.extract(c))).containsExactly(new Identifier("provider-user", "x:global:2244994945"));
    }
}
