package io.switchboard.plugin.priority;

import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.SecretResolver;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.Priority;
import io.switchboard.spi.contact.PriorityBand;
import io.switchboard.spi.contact.PriorityReason;
import io.switchboard.spi.plugin.ContactPlugin;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriorityRulesTest {

    private static final CustomerMatch GOLD = new CustomerMatch("cust-gold", "phone", MatchLevel.STRONG, 0.95, true,
            List.of("cust-gold"));
    private final ContactPlugin plugin = TestSupport.plugin(new JsonObject(), Map.of("cust-gold", "gold"));

    private static Contact sms(String text, CustomerMatch m, int contacts, Duration age) {
        return ChannelShapes.ALL.stream().filter(s -> s.name().equals("twilio-messaging-sms")).findFirst().orElseThrow()
                .contact(text, m, TestSupport.NOW, 1)
                .withAttribute("continuity", "contactCount", contacts)
                .withAttribute("continuity", "openedAt", TestSupport.NOW.minus(age).toString());
    }

    @Test
    void aPlainQuestionFromAnUnknownSenderIsP4WithItsReasons() {
        Priority p = TestSupport.run(plugin, sms("Does the jacket come in blue?", null, 1, Duration.ZERO)).priority();
        assertThat(p.score()).isEqualTo(20);
        assertThat(p.band()).isEqualTo(PriorityBand.P4);
        assertThat(p.reasons()).containsExactly(new PriorityReason("base", 20, "starting score"),
                new PriorityReason("language.en", 0, "cues read with the en lexicon (language recognised from the text)"));
    }

    @Test
    void everySignalAddsItsNamedPoints() {
        Priority p = TestSupport.run(plugin, sms("Third time this week the service is down!", GOLD, 3,
                Duration.ofMinutes(10))).priority();
        assertThat(p.reasons()).extracting(PriorityReason::code, PriorityReason::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple("base", 20), org.assertj.core.groups.Tuple.tuple("language.en", 0),
                org.assertj.core.groups.Tuple.tuple("intent.outage", 30),
                org.assertj.core.groups.Tuple.tuple("intent.repeat-complaint", 15),
                org.assertj.core.groups.Tuple.tuple("tier.gold", 15),
                org.assertj.core.groups.Tuple.tuple("repeat.contacts", 10));
        assertThat(p.score()).isEqualTo(90);
        assertThat(p.band()).isEqualTo(PriorityBand.P1);
    }

    @Test
    void waitingBeyondTheBandTargetRaisesTheScoreAndSaysBy() {
        // 20 base + 20 cancellation = 40, P3 (target 4h); waited 5h: +10, 50, P2.
        Priority p = TestSupport.run(plugin, sms("I want to cancel", null, 1, Duration.ofHours(5))).priority();
        assertThat(p.reasons()).contains(new PriorityReason("waiting.over-target", 10,
                "waiting 5h, over the P3 target of 4h"));
        assertThat(p.score()).isEqualTo(50);
        assertThat(p.band()).isEqualTo(PriorityBand.P2);
        Priority twice = TestSupport.run(plugin, sms("I want to cancel", null, 1, Duration.ofHours(9))).priority();
        assertThat(twice.reasons()).contains(new PriorityReason("waiting.over-target", 20,
                "waiting 9h, over twice the P3 target of 4h"));
    }

    @Test
    void repeatPointsAreCapped() {
        Priority p = TestSupport.run(plugin, sms("hello", null, 40, Duration.ZERO)).priority();
        assertThat(p.reasons()).contains(new PriorityReason("repeat.contacts", 15, "contact 40 in this conversation"));
    }

    @Test
    void theScoreIsClampedToOneHundred() {
        Priority p = TestSupport.run(plugin, sms("URGENT fraud, my account was hacked, my lawyer will sue you, "
                + "third time, I will cancel, my mother is in hospital and the app is down", GOLD, 9, Duration.ofDays(2)))
                .priority();
        assertThat(p.score()).isEqualTo(100);
        assertThat(p.band()).isEqualTo(PriorityBand.P1);
    }

    @Test
    void aSuggestedButUnlinkedCustomerGetsNoTierPoints() {
        CustomerMatch suggested = new CustomerMatch(null, "email", MatchLevel.MEDIUM, 0.7, false, List.of("cust-gold"));
        Priority p = TestSupport.run(plugin, sms("hello there", suggested, 1, Duration.ZERO)).priority();
        assertThat(p.reasons()).extracting(PriorityReason::code).noneMatch(c -> c.startsWith("tier."));
    }

    @Test
    void statusEventsGetNoPriority() {
        Contact status = sms("delivered", null, 1, Duration.ZERO).toBuilder().kind(ContactKind.STATUS).build();
        assertThat(TestSupport.run(plugin, status).priority()).isNull();
    }

    @Test
    void reasonDetailsNeverQuoteTheCustomersText() {
        String text = "My father passed away and my card 4111 was used by fraudsters";
        Priority p = TestSupport.run(plugin, sms(text, null, 1, Duration.ZERO)).priority();
        for (PriorityReason r : p.reasons()) {
            assertThat(r.detail()).doesNotContain("father", "passed", "4111", "fraudsters");
        }
    }

    @Test
    void theContactsLanguageIsUsedOnlyWhenTrusted() {
        Contact c = sms("fraude", null, 1, Duration.ZERO).toBuilder()
                .content(io.switchboard.spi.contact.Content.text("fraude").withLanguage("fr")).build();
        assertThat(TestSupport.run(plugin, c).priority().reasons()).extracting(PriorityReason::code)
                .contains("language.undetermined");
        ContactPlugin trusting = TestSupport.plugin(new JsonObject().put("trustContactLanguage", true), Map.of());
        assertThat(TestSupport.run(trusting, c).priority().reasons()).extracting(PriorityReason::code)
                .contains("language.fr", "intent.fraud");
    }

    @Test
    void configuredTermsAndCategoriesAreUsed() {
        JsonObject cfg = new JsonObject()
                .put("lexicons", new JsonObject().put("en", new JsonObject().put("cues", new JsonObject()
                        .put("outage", new JsonArray().add("no dial tone"))
                        .put("safety", new JsonArray().add("gas leak")))))
                .put("cuePoints", new JsonObject().put("safety", 60));
        ContactPlugin custom = TestSupport.plugin(cfg, Map.of());
        Priority p = TestSupport.run(custom, sms("There is no dial tone and I smell a gas leak", null, 1, Duration.ZERO))
                .priority();
        assertThat(p.reasons()).extracting(PriorityReason::code).contains("intent.outage", "intent.safety");
        assertThat(p.score()).isEqualTo(100);
    }

    @Test
    void aNewLanguageCanBeDefined() {
        JsonObject cfg = new JsonObject().put("languages", new JsonArray().add("en").add("es"))
                .put("lexicons", new JsonObject().put("es", new JsonObject()
                        .put("stopwords", new JsonArray().add("el").add("la").add("mi").add("no").add("de"))
                        .put("cues", new JsonObject().put("fraud", new JsonArray().add("fraude")))));
        Priority p = TestSupport.run(TestSupport.plugin(cfg, Map.of()), sms("Hay un fraude en mi tarjeta de la tienda",
                null, 1, Duration.ZERO)).priority();
        assertThat(p.reasons()).extracting(PriorityReason::code).contains("language.es", "intent.fraud");
    }

    @Test
    void aCategoryWithoutPointsIsReportedWithItsKey() {
        JsonObject cfg = new JsonObject().put("lexicons", new JsonObject().put("en", new JsonObject()
                .put("cues", new JsonObject().put("safety", new JsonArray().add("gas leak")))));
        assertThatThrownBy(() -> TestSupport.plugin(cfg, Map.of())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::path)
                        .containsExactly("lexicons.en.cues.safety"));
    }

    @Test
    void aLanguageWithoutALexiconIsReportedWithItsKey() {
        JsonObject cfg = new JsonObject().put("languages", new JsonArray().add("en").add("pt"));
        assertThatThrownBy(() -> TestSupport.plugin(cfg, Map.of())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::path)
                        .containsExactly("languages[1]"));
    }

    @Test
    void bandsOutOfOrderAreReported() {
        JsonObject cfg = new JsonObject().put("bands", new JsonObject().put("p1", 40).put("p2", 50));
        assertThatThrownBy(() -> TestSupport.plugin(cfg, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bands: thresholds must satisfy p1 > p2 > p3");
    }

    @Test
    void invalidValuesNameTheirKeys() {
        JsonObject cfg = new JsonObject()
                .put("baseScore", 120)
                .put("cuePoints", new JsonObject().put("fraud", "lots"))
                .put("tiers", new JsonObject().put("gold", 99))
                .put("exposure", new JsonObject().put("maxPoints", 50).put("reachAttribute", "followers"))
                .put("waiting", new JsonObject().put("p1", "0s"))
                .put("lexicons", new JsonObject().put("en", new JsonObject().put("cues", new JsonObject()
                        .put("outage", new JsonArray().add("***"))).put("colour", "blue")));
        List<ConfigProblem> problems = PriorityPluginFactory.SPEC.validate(cfg, SecretResolver.none()).problems();
        assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder("baseScore", "cuePoints.fraud",
                "tiers.gold", "exposure.maxPoints", "exposure.reachAttribute", "waiting.p1", "lexicons.en.colour",
                "lexicons.en.cues.outage[0]");
    }
}
