package io.switchboard.plugin.identity;

import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.switchboard.spi.testkit.InMemoryCustomerDirectory;
import io.switchboard.spi.testkit.PluginOutcome;
import io.switchboard.spi.testkit.PluginTester;
import io.switchboard.spi.testkit.ServiceFaults;
import io.switchboard.spi.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.switchboard.spi.testkit.PluginAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity plugin through its factory, on the test kit: validated config, a real Vert.x, the directory fake. */
class IdentityPluginTest {

    static final Path CONFIG_DIR = Path.of("src/test/resources").toAbsolutePath();

    private final InMemoryCustomerDirectory directory = new InMemoryCustomerDirectory();
    private PluginTester tester;

    private PluginTester tester(Map<String, Object> config) {
        tester = PluginTester.of(new IdentityPluginFactory()).config(config).configDirectory(CONFIG_DIR)
                .service(CustomerDirectory.class, directory).build();
        return tester;
    }

    private PluginTester seeded() {
        return tester(Map.of("customersFile", "customers.csv", "defaultRegion", "GB"));
    }

    @AfterEach
    void close() {
        if (tester != null) {
            tester.close();
        }
    }

    @Test
    void shouldSeedTheDirectoryFromTheCustomersFileAtCreation() {
        seeded();
        assertThat(directory.get("default", "cust-1001").result().tier()).isEqualTo("gold");
        assertThat(directory.get("acme", "cust-2001").result()).isNotNull();
    }

    @Test
    void aWhatsAppMessageFromTheNumberOnFileIsLinkedStrongly() {
        PluginOutcome o = seeded().run(TestContacts.whatsApp().from("+447700900123").text("hello").build());
        assertThat(o).proceeded().isLinkedTo("cust-1001").hasMatchLevel(MatchLevel.STRONG).hasCandidates("cust-1001")
                .hasAttribute("identity", "rule", "single-strong-match");
        assertThat(o.contact().customer().method()).isEqualTo("phone");
        assertThat(o.contact().customer().confidence()).isEqualTo(0.95);
    }

    @Test
    void everyLinkIsRecordedWithEvidenceButNoValues() {
        Contact dm = TestContacts.xDirectMessage().userId("2244994945").handle("@janecust").text("hi").build();
        PluginOutcome o = seeded().run(dm);
        List<LinkRecord> ds = directory.decisionsFor("default", dm.id()).result();
        assertThat(ds).singleElement().satisfies(d -> {
            assertThat(d.isLink()).isTrue();
            assertThat(d.customerId()).isEqualTo("cust-1001");
            assertThat(d.level()).isEqualTo(MatchLevel.STRONG);
            assertThat(d.method()).isEqualTo("provider-user");
            assertThat(d.evidence()).contains("\"type\":\"provider-user\"", "\"assurance\":\"PROVIDER\"",
                    "\"source\":\"sender.userId\"").doesNotContain("2244994945", "janecust");
            assertThat(d.id()).isEqualTo(o.contact().attributes().getString("identity", "decisionId"));
        });
    }

    @Test
    void aFormEmailOnFileIsOnlyASuggestion() {
        Contact form = TestContacts.form().email("Jane.Customer@Example.com").text("where is my order").build();
        PluginOutcome o = seeded().run(form);
        assertThat(o).proceeded().isNotLinked().hasMatchLevel(MatchLevel.MEDIUM).hasCandidates("cust-1001");
        assertThat(directory.decisionsFor("default", form.id()).result()).singleElement()
                .satisfies(d -> {
                    assertThat(d.isLink()).isFalse();
                    assertThat(d.candidates()).containsExactly("cust-1001");
                });
    }

    @Test
    void anAuthenticatedFormEmailIsVerifiedAndLinks() {
        Contact form = TestContacts.form().email("jane.customer@example.com", Assurance.VERIFIED).build();
        assertThat(seeded().run(form)).proceeded().isLinkedTo("cust-1001").hasMatchLevel(MatchLevel.VERIFIED);
    }

    @Test
    void aNumberSharedByTwoCustomersIsNeverLinked() {
        PluginOutcome o = seeded().run(TestContacts.call().from("+447700900999").build());
        assertThat(o).proceeded().isNotLinked().hasMatchLevel(MatchLevel.STRONG).hasCandidates("cust-1003", "cust-1004");
        assertThat(o.contact().attributes().getString("identity", "rule")).isEqualTo("shared-identifier");
    }

    @Test
    void conflictingIdentifiersAreNeverLinked() {
        // The caller's network number is Jane's, the provider user id Bob's... a contact carrying both is a conflict.
        directory.seed("default", "cust-bob-x", null, new Identifier("provider-user", "twilio:global:u-9"));
        Contact c = TestContacts.call().from("+447700900123").userId("u-9").build();
        PluginOutcome o = seeded().run(c);
        assertThat(o).proceeded().isNotLinked().hasCandidates("cust-1001", "cust-bob-x");
        assertThat(o.contact().attributes().getString("identity", "rule")).isEqualTo("conflicting-identifiers");
    }

    @Test
    void identitiesNeverLinkAcrossTenants() {
        Contact acme = TestContacts.tweet().tenant("acme").userId("2244994945").text("hi").build();
        Contact other = TestContacts.tweet().tenant("globex").userId("2244994945").text("hi").build();
        PluginTester t = seeded();
        assertThat(t.run(acme)).proceeded().isLinkedTo("cust-2001");
        assertThat(t.run(other)).proceeded().isNotLinked().hasMatchLevel(MatchLevel.NONE);
    }

    @Test
    void aContactMatchingNobodyCarriesLevelNoneAndRecordsNothing() {
        Contact c = TestContacts.sms().from("+447700900000").text("hi").build();
        assertThat(seeded().run(c)).proceeded().isNotLinked().hasMatchLevel(MatchLevel.NONE)
                .hasAttribute("identity", "rule", "no-match");
        assertThat(directory.decisionsFor("default", c.id()).result()).isEmpty();
    }

    @Test
    void aNameOrANumberInTheTextOnlyEverSuggestsWeakly() {
        Contact c = TestContacts.telegram().userId("999").name("Jane Customer")
                .text("I'm Jane, call me on 07700 900123").build();
        assertThat(seeded().run(c)).proceeded().isNotLinked().hasMatchLevel(MatchLevel.WEAK).hasCandidates("cust-1001");
    }

    @Test
    void aLinkAttachesTheNewStrongIdentifierSoTheNextContactMatchesAndUndoRemovesIt() {
        PluginTester t = seeded();
        // A call from Jane's number that also carries a provider id nobody has yet: linked, and the id attached.
        Contact call = TestContacts.call().from("+447700900123").userId("client-jane").build();
        assertThat(t.run(call)).proceeded().isLinkedTo("cust-1001");
        Contact next = TestContacts.call().userId("client-jane").build();
        assertThat(t.run(next)).proceeded().isLinkedTo("cust-1001");

        LinkRecord link = directory.decisionsFor("default", call.id()).result().get(0);
        assertThat(directory.undo("default", link.id()).result()).isTrue();
        Contact after = TestContacts.call().userId("client-jane").build();
        assertThat(t.run(after)).proceeded().isNotLinked().hasMatchLevel(MatchLevel.NONE);
        assertThat(directory.get("default", "cust-1001").result().identifiers())
                .as("undoing the link keeps the customer's own identifiers").contains(new Identifier("phone", "+447700900123"));
    }

    @Test
    void theSendersNationalNumberIsNormalisedOnTheContact() {
        Contact sms = TestContacts.sms().from("07700 900123").attribute("twilio", "fromCountry", "GB").build();
        PluginOutcome o = seeded().run(sms);
        assertThat(o).proceeded().isLinkedTo("cust-1001");
        assertThat(o.contact().sender().phone().e164()).isEqualTo("+447700900123");
        assertThat(o.contact().sender().phone().raw()).isEqualTo("07700 900123");
    }

    @Test
    void statusEventsAreLeftAlone() {
        Contact status = TestContacts.of(io.switchboard.spi.contact.ContactKind.STATUS).from("+447700900123").build();
        assertThat(seeded().run(status)).proceededUnchanged();
    }

    @Test
    void aFailingDirectoryFailsTheStep() {
        ServiceFaults<CustomerDirectory> faults = ServiceFaults.of(CustomerDirectory.class, directory);
        tester = PluginTester.of(new IdentityPluginFactory()).service(faults).build();
        faults.failAlways(new IOException("directory down"));
        assertThat(tester.run(TestContacts.sms().from("+447700900123").build())).hasFailedWith(IOException.class);
    }

    @Test
    void aMissingCustomersFileIsReportedWithItsKey() {
        assertThatThrownBy(() -> tester(Map.of("customersFile", "nope.csv"))).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("customersFile");
                    assertThat(p.message()).contains("nope.csv").contains("cannot be read");
                }));
    }

    @Test
    void badRowsOfTheCustomersFileAreReportedWithTheirLines() {
        assertThatThrownBy(() -> tester(Map.of("customersFile", "bad/customers.csv"))).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::message)
                        .hasSize(4).allMatch(m -> m.contains("bad/customers.csv line "))
                        .anyMatch(m -> m.endsWith("line 4: phones: a value is not a phone number (write it as +CC… or give "
                                + "the row a region)")));
        assertThat(directory.get("default", "cust-1").result()).as("nothing loaded from a bad file").isNull();
    }

    @Test
    void invalidKeysAreEachNamed() {
        List<ConfigProblem> p = PluginTester.validate(new IdentityPluginFactory(), Map.of(
                "regions", Map.of("contact-us", "United Kingdom"),
                "defaultRegion", "UK",
                "regionAttributes", List.of("fromCountry"),
                "maxCandidates", 0,
                "crm", Map.of("url", "ftp://crm.example.com", "timeout", "soon"),
                "colour", "blue"));
        assertThat(p).extracting(ConfigProblem::path).containsExactlyInAnyOrder("colour", "regions.contact-us",
                "defaultRegion", "regionAttributes[0]", "maxCandidates", "crm.url", "crm.timeout");
    }

    @Test
    void aCrmTokenMustBeASecretReference() {
        List<ConfigProblem> p = PluginTester.validate(new IdentityPluginFactory(),
                Map.of("crm", Map.of("url", "https://crm.example.com/lookup", "token", "literal-token")));
        assertThat(p).extracting(ConfigProblem::path).containsExactly("crm.token");
    }
}
