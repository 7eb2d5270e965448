package io.switchboard.plugin.identity;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.testkit.TestContacts;
import io.switchboard.spi.testkit.TestPhoneNumbers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityPropertyTest {

    private final IdentifierExtractor extractor = new IdentifierExtractor(TestPhoneNumbers.get(), Map.of(), null,
            List.of(new IdentifierExtractor.RegionAttribute("twilio", "fromCountry")), true);

    @Property
    void emailsNormaliseToTrimmedLowerCaseKeepingDotsAndTags(@ForAll("emails") String email, @ForAll("cases") String caseMask,
                                                             @ForAll("space") String before, @ForAll("space") String after) {
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            written.append(caseMask.charAt(i % caseMask.length()) == 'U' ? Character.toUpperCase(c) : c);
        }
        String n = Normalise.email(before + written + after);
        assertThat(n).isEqualTo(email.toLowerCase(Locale.ROOT));
        assertThat(Normalise.email(n)).as("idempotent").isEqualTo(n);
    }

    @Property
    void everyWayOfWritingAUkMobileNumberGivesTheSameE164(@ForAll("ukMobiles") String nsn, @ForAll("ukFormats") int format) {
        String written = switch (format) {
            case 0 -> "+44 " + nsn.substring(0, 4) + " " + nsn.substring(4);
            case 1 -> "0" + nsn.substring(0, 4) + " " + nsn.substring(4);
            case 2 -> "0044" + nsn;
            case 3 -> "(0" + nsn.substring(0, 4) + ") " + nsn.substring(4, 7) + " " + nsn.substring(7);
            case 4 -> "+44-" + nsn.substring(0, 4) + "-" + nsn.substring(4, 7) + "-" + nsn.substring(7);
            default -> "whatsapp:+44" + nsn;
        };
        Contact sms = TestContacts.sms().from(written).attribute("twilio", "fromCountry", "GB").build();
        assertThat(extractor.extract(sms)).extracting(Observed::identifier)
                .containsExactly(new Identifier(Identifier.PHONE, "+44" + nsn));
    }

    @Property
    void extractionNeverFailsAndYieldsOnlyNonBlankDistinctIdentifiers(@ForAll String text, @ForAll String name,
                                                                       @ForAll String handle) {
        Contact c = TestContacts.telegram().userId("1").name(name).handle(handle).text(text).build();
        List<Observed> o = extractor.extract(c);
        assertThat(o).extracting(Observed::identifier).doesNotHaveDuplicates();
        assertThat(o).allSatisfy(x -> assertThat(x.identifier().value()).isNotBlank());
        assertThat(o).filteredOn(x -> !x.source().startsWith("sender.userId")).allMatch(x -> x.level() == MatchLevel.WEAK);
    }

    /** The digit count that lets most texts skip the phone pattern never skips a text the pattern would match. */
    @Property(tries = 3000)
    void thePhonePrefilterNeverHidesANumberThePatternWouldFind(@ForAll("phoneishTexts") String text) {
        if (IdentifierExtractor.textPhonePattern().matcher(text).find()) {
            assertThat(IdentifierExtractor.mayHoldPhone(text)).as(text).isTrue();
        }
    }

    @Property(tries = 200)
    void numbersInTextAreFoundWhateverSurroundsThem(@ForAll("ukMobiles") String nsn, @ForAll String before) {
        String clean = before.replaceAll("[\\w+@]", " ");
        Contact c = TestContacts.telegram().userId("1").text(clean + " call me on 07" + nsn.substring(1) + " please")
                .attribute("twilio", "fromCountry", "GB").build();
        assertThat(extractor.extract(c)).extracting(Observed::identifier)
                .contains(new Identifier(Identifier.PHONE, "+44" + nsn));
    }

    @Provide
    Arbitrary<String> phoneishTexts() {
        return Arbitraries.strings().withChars("0123456789 ().-+x٣").ofMaxLength(30);
    }

    /** A random contact's identifiers and a random directory over four customers in two tenants. */
    record Scenario(List<Observed> observed, Map<Identifier, List<CustomerRecord>> matches) {
    }

    @Property(tries = 2000)
    void linksOnlyOnOneUnconflictedLinkLevelCustomerOfTheSameTenant(@ForAll("scenarios") Scenario s) {
        Decision d = new Matcher(5).decide("t1", s.observed(), s.matches(), "not-configured");
        if (d.kind() != Decision.Kind.LINK) {
            assertThat(d.toMatch().linked()).isFalse();
            assertThat(d.customerId()).isNull();
            return;
        }
        assertThat(d.level()).isIn(MatchLevel.VERIFIED, MatchLevel.STRONG);
        boolean linkLevelMatch = false;
        for (Observed o : s.observed()) {
            Set<String> ids = new HashSet<>();
            for (CustomerRecord r : s.matches().getOrDefault(o.identifier(), List.of())) {
                if (r.tenant().equals("t1")) {
                    ids.add(r.id());
                }
            }
            if (o.canLink() && !ids.isEmpty()) {
                linkLevelMatch = true;
                assertThat(ids).as("a link-level identifier points to the linked customer only").containsExactly(d.customerId());
            }
            if (o.level() != MatchLevel.WEAK && !ids.isEmpty()) {
                assertThat(ids).as("no conflicting identifier").containsExactly(d.customerId());
            }
        }
        assertThat(linkLevelMatch).isTrue();
        assertThat(d.customerId()).doesNotStartWith("other-tenant");
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        List<Identifier> pool = List.of(new Identifier("phone", "+447700900001"), new Identifier("phone", "+447700900002"),
                new Identifier("email", "a@example.com"), new Identifier("provider-user", "x:global:1"),
                new Identifier("name", "jane customer"));
        List<CustomerRecord> customers = List.of(new CustomerRecord("t1", "A", null, null, List.of()),
                new CustomerRecord("t1", "B", null, null, List.of()), new CustomerRecord("t1", "C", null, null, List.of()),
                new CustomerRecord("t2", "other-tenant-D", null, null, List.of()));
        Arbitrary<Observed> observed = Combinators.combine(Arbitraries.of(pool), Arbitraries.of(Assurance.values()))
                .as((id, a) -> new Observed(id, id.type().equals("name") ? MatchLevel.WEAK : Observed.levelOf(a),
                        id.type().equals("name") ? Assurance.INFERRED : a, "sender." + id.type()));
        Arbitrary<List<Observed>> list = observed.list().ofMaxSize(4).uniqueElements(Observed::identifier);
        Arbitrary<Map<Identifier, List<CustomerRecord>>> matches = Arbitraries.of(customers).list().ofMaxSize(3)
                .uniqueElements().list().ofSize(pool.size()).map(perId -> {
                    Map<Identifier, List<CustomerRecord>> m = new HashMap<>();
                    for (int i = 0; i < pool.size(); i++) {
                        m.put(pool.get(i), new ArrayList<>(perId.get(i)));
                    }
                    return m;
                });
        return Combinators.combine(list, matches).as(Scenario::new);
    }

    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._+-")
                .ofMinLength(1).ofMaxLength(20).filter(s -> !s.startsWith(".") && !s.endsWith("."));
        Arbitrary<String> domain = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> tld = Arbitraries.of("com", "co.uk", "de", "example", "io");
        return Combinators.combine(local, domain, tld).as((l, d, t) -> l + "@" + d + "." + t);
    }

    @Provide
    Arbitrary<String> cases() {
        return Arbitraries.strings().withChars("UL").ofMinLength(1).ofMaxLength(7);
    }

    @Provide
    Arbitrary<String> space() {
        return Arbitraries.strings().withChars(" \t\n").ofMaxLength(3);
    }

    @Provide
    Arbitrary<String> ukMobiles() {
        return Arbitraries.strings().numeric().ofLength(9).map(s -> "7" + s);
    }

    @Provide
    Arbitrary<Integer> ukFormats() {
        return Arbitraries.integers().between(0, 5);
    }
}
