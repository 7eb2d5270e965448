package io.switchboard.plugin.identity;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MatcherTest {

    private static final Identifier PHONE = new Identifier("phone", "+447700900123");
    private static final Identifier EMAIL = new Identifier("email", "jane@example.com");
    private static final Identifier XID = new Identifier("provider-user", "x:global:1");
    private static final Identifier NAME = new Identifier("name", "jane customer");

    private final Matcher matcher = new Matcher(3);

    private static Observed o(Identifier id, Assurance a) {
        return new Observed(id, Observed.levelOf(a), a, "sender." + id.type());
    }

    private static Observed weak(Identifier id) {
        return new Observed(id, MatchLevel.WEAK, Assurance.INFERRED, "content.text");
    }

    private static CustomerRecord c(String id) {
        return new CustomerRecord("default", id, null, null, List.of());
    }

    private static Map<Identifier, List<CustomerRecord>> on(Object... pairs) {
        Map<Identifier, List<CustomerRecord>> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<CustomerRecord> l = (List<CustomerRecord>) pairs[i + 1];
            m.put((Identifier) pairs[i], l);
        }
        return m;
    }

    @Test
    void aStrongIdentifierOnFileForOneCustomerLinks() {
        Decision d = matcher.decide("default", List.of(o(PHONE, Assurance.PROVIDER)), on(PHONE, List.of(c("A"))), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.LINK);
        assertThat(d.customerId()).isEqualTo("A");
        assertThat(d.level()).isEqualTo(MatchLevel.STRONG);
        assertThat(d.method()).isEqualTo("phone");
        assertThat(d.confidence()).isEqualTo(0.95);
        assertThat(d.toMatch().linked()).isTrue();
        assertThat(d.evidence().encode()).doesNotContain("+447700900123").contains("\"rule\":\"single-strong-match\"")
                .contains("\"assurance\":\"PROVIDER\"");
    }

    @Test
    void aVerifiedIdentifierLinksAtVerifiedLevel() {
        Decision d = matcher.decide("default", List.of(o(EMAIL, Assurance.VERIFIED)), on(EMAIL, List.of(c("A"))), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.LINK);
        assertThat(d.level()).isEqualTo(MatchLevel.VERIFIED);
    }

    @Test
    void aSelfAssertedEmailOnlySuggests() {
        Decision d = matcher.decide("default", List.of(o(EMAIL, Assurance.SELF_ASSERTED)), on(EMAIL, List.of(c("A"))), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.SUGGESTION);
        assertThat(d.level()).isEqualTo(MatchLevel.MEDIUM);
        assertThat(d.candidates()).containsExactly("A");
        assertThat(d.rule()).isEqualTo("below-link-level");
        assertThat(d.toMatch().linked()).isFalse();
        assertThat(d.toMatch().customerId()).isNull();
    }

    @Test
    void aStrongIdentifierSharedByTwoCustomersOnlySuggests() {
        Decision d = matcher.decide("default", List.of(o(PHONE, Assurance.PROVIDER)),
                on(PHONE, List.of(c("B"), c("A"))), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.SUGGESTION);
        assertThat(d.candidates()).containsExactly("A", "B");
        assertThat(d.rule()).isEqualTo("shared-identifier");
    }

    @Test
    void twoStrongIdentifiersPointingToDifferentCustomersNeverLink() {
        Decision d = matcher.decide("default", List.of(o(XID, Assurance.PROVIDER), o(PHONE, Assurance.PROVIDER)),
                on(XID, List.of(c("A")), PHONE, List.of(c("B"))), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.SUGGESTION);
        assertThat(d.rule()).isEqualTo("conflicting-identifiers");
        assertThat(d.candidates()).containsExactly("A", "B");
    }

    @Test
    void aMediumIdentifierOfAnotherCustomerBlocksTheLink() {
        Decision d = matcher.decide("default", List.of(o(PHONE, Assurance.PROVIDER), o(EMAIL, Assurance.SELF_ASSERTED)),
                on(PHONE, List.of(c("A")), EMAIL, List.of(c("B"))), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.SUGGESTION);
        assertThat(d.rule()).isEqualTo("conflicting-identifiers");
    }

    @Test
    void aWeakSignalOfAnotherCustomerDoesNotBlockTheLink() {
        Decision d = matcher.decide("default", List.of(o(PHONE, Assurance.PROVIDER), weak(NAME)),
                on(PHONE, List.of(c("A")), NAME, List.of(c("B"))), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.LINK);
        assertThat(d.customerId()).isEqualTo("A");
    }

    @Test
    void customersOfAnotherTenantAreNeverCandidates() {
        CustomerRecord other = new CustomerRecord("acme", "A", null, null, List.of());
        Decision d = matcher.decide("default", List.of(o(PHONE, Assurance.PROVIDER)), on(PHONE, List.of(other)), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.NONE);
        assertThat(d.toMatch().level()).isEqualTo(MatchLevel.NONE);
    }

    @Test
    void aLinkAttachesTheContactsOtherLinkLevelIdentifiersThatNobodyHas() {
        Decision d = matcher.decide("default", List.of(o(PHONE, Assurance.PROVIDER), o(XID, Assurance.PROVIDER),
                o(EMAIL, Assurance.SELF_ASSERTED)), on(PHONE, List.of(c("A")), XID, List.of(), EMAIL, List.of()), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.LINK);
        assertThat(d.attach()).containsExactly(XID);
    }

    @Test
    void corroboratingIdentifiersRaiseTheConfidence() {
        Decision d = matcher.decide("default", List.of(o(PHONE, Assurance.PROVIDER), o(EMAIL, Assurance.SELF_ASSERTED)),
                on(PHONE, List.of(c("A")), EMAIL, List.of(c("A"))), "x");
        assertThat(d.confidence()).isEqualTo(0.96);
    }

    @Test
    void aWeakSignalOnFileForTooManyCustomersIsIgnored() {
        Decision d = matcher.decide("default", List.of(weak(NAME)),
                on(NAME, List.of(c("A"), c("B"), c("C"), c("D"))), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.NONE);
        assertThat(d.evidence().encode()).contains("too-many-customers");
    }

    @Test
    void onlyWeakSignalsSuggestAtWeakLevel() {
        Decision d = matcher.decide("default", List.of(weak(NAME)), on(NAME, List.of(c("A"), c("B"))), "x");
        assertThat(d.kind()).isEqualTo(Decision.Kind.SUGGESTION);
        assertThat(d.level()).isEqualTo(MatchLevel.WEAK);
        assertThat(d.confidence()).isEqualTo(0.2);
    }
}
