package io.switchboard.plugin.priority;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.Priority;
import io.switchboard.spi.contact.PriorityReason;
import io.switchboard.spi.contact.Visibility;
import io.switchboard.spi.plugin.ContactPlugin;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fairness corpus ({@code src/test/resources/fairness/corpus.json}): every text, from the same customer, through
 * every channel type the gateway knows, public and private, with no audience and a huge one, scores the same; and
 * the lexicons find the cues the corpus expects.
 */
class FairnessCorpusTest {

    private static final Map<String, String> TIERS = Map.of("cust-gold", "gold", "cust-plain", "standard");

    /** Who sends the text, and how far into their conversation. */
    record Customer(String name, CustomerMatch match, int conversationContacts, Duration conversationAge) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Customer> CUSTOMERS = List.of(
            new Customer("unidentified, first contact", null, 1, Duration.ZERO),
            new Customer("gold customer, third contact, waiting 5h", new CustomerMatch("cust-gold", "phone",
                    MatchLevel.STRONG, 0.95, true, List.of("cust-gold")), 3, Duration.ofHours(5)),
            new Customer("customer without a scored tier, second contact", new CustomerMatch("cust-plain",
                    "provider-user", MatchLevel.STRONG, 0.95, true, List.of("cust-plain")), 2, Duration.ofMinutes(20)),
            new Customer("suggested only (not linked)", new CustomerMatch(null, "email", MatchLevel.MEDIUM, 0.7, false,
                    List.of("cust-gold")), 1, Duration.ZERO));

    private static final ContactPlugin DEFAULTS = TestSupport.plugin(new JsonObject(), TIERS);

    static List<JsonObject> corpus() {
        try (InputStream in = FairnessCorpusTest.class.getResourceAsStream("/fairness/corpus.json")) {
            JsonObject doc = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<JsonObject> out = new ArrayList<>();
            doc.getJsonArray("texts").forEach(o -> out.add((JsonObject) o));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> textsAndCustomers() {
        return corpus().stream().flatMap(t -> CUSTOMERS.stream().map(c -> Arguments.of(t.getString("id"), t, c)));
    }

    static Contact contact(ChannelShapes.Shape shape, String text, Customer customer, int n) {
        Contact c = shape.contact(text, customer.match(), TestSupport.NOW, n);
        return c.withAttribute("continuity", "contactCount", customer.conversationContacts())
                .withAttribute("continuity", "openedAt", TestSupport.NOW.minus(customer.conversationAge()).toString());
    }

    @ParameterizedTest(name = "{0} from {2}")
    @MethodSource("textsAndCustomers")
    void theSameTextFromTheSameCustomerScoresTheSameOnEveryChannel(String id, JsonObject entry, Customer customer) {
        String text = entry.getString("text");
        Priority reference = null;
        int n = 0;
        for (ChannelShapes.Shape shape : ChannelShapes.ALL) {
            Priority p = TestSupport.run(DEFAULTS, contact(shape, text, customer, n++)).priority();
            if (reference == null) {
                reference = p;
            }
            assertThat(p).as("%s through %s", id, shape).isEqualTo(reference);
        }
    }

    @ParameterizedTest(name = "{0} from {2}")
    @MethodSource("textsAndCustomers")
    void publicOrPrivateAndAnyAudienceScoreTheSame(String id, JsonObject entry, Customer customer) {
        String text = entry.getString("text");
        int n = 0;
        for (ChannelShapes.Shape shape : ChannelShapes.ALL) {
            Contact c = contact(shape, text, customer, n++);
            Priority p = TestSupport.run(DEFAULTS, c).priority();
            Visibility flipped = c.isPublic() ? Visibility.PRIVATE : Visibility.PUBLIC;
            assertThat(TestSupport.run(DEFAULTS, c.toBuilder().visibility(flipped).build()).priority())
                    .as("%s through %s made %s", id, shape, flipped).isEqualTo(p);
            for (long audience : new long[] {0, 12, 50_000, 90_000_000}) {
                Contact withAudience = c.withAttribute("x", "followersCount", audience)
                        .withAttribute("meta", "followersCount", audience);
                assertThat(TestSupport.run(DEFAULTS, withAudience).priority())
                        .as("%s through %s with an audience of %d", id, shape, audience).isEqualTo(p);
            }
        }
        assertThat(ChannelShapes.ALL.stream().map(s -> s.contact(text, null, TestSupport.NOW, 0).visibility()).distinct())
                .as("the corpus has public and private shapes").containsExactlyInAnyOrder(Visibility.PUBLIC, Visibility.PRIVATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textsOnly")
    void theLexiconsFindTheCuesTheCorpusExpects(String id, JsonObject entry) {
        Priority p = TestSupport.run(DEFAULTS, contact(ChannelShapes.ALL.get(0), entry.getString("text"), CUSTOMERS.get(0), 0))
                .priority();
        List<String> expected = new ArrayList<>();
        entry.getJsonArray("cues").forEach(c -> expected.add(PriorityPolicy.code((String) c)));
        assertThat(p.reasons()).extracting(PriorityReason::code)
                .filteredOn(code -> code.startsWith("intent.") || code.equals("vulnerability"))
                .containsExactlyInAnyOrderElementsOf(expected);
        String language = entry.getString("language");
        assertThat(p.reasons()).extracting(PriorityReason::code)
                .contains(language == null ? "language.undetermined" : "language." + language);
    }

    static Stream<Arguments> textsOnly() {
        return corpus().stream().map(t -> Arguments.of(t.getString("id"), t));
    }

    @Test
    void theCorpusCoversEveryChannelTypeTheGatewayKnows() {
        assertThat(ChannelShapes.types()).containsExactlyInAnyOrder("web-form", "x", "meta", "twilio-voice",
                "twilio-messaging", "vonage-voice", "vonage-messages", "telegram", "email", "webhook");
        assertThat(ChannelShapes.ALL).extracting(ChannelShapes.Shape::name).contains("meta-messenger",
                "meta-instagram-comment", "meta-instagram-dm", "meta-whatsapp", "meta-page-comment");
    }

    @Test
    void exposureScoringSwitchedOnIsCappedAndNamed() {
        ContactPlugin exposed = TestSupport.plugin(new JsonObject().put("exposure", new JsonObject().put("enabled", true)
                .put("reachAttribute", "x.followersCount").put("publicPoints", 8).put("pointsPerDecade", 3)
                .put("maxPoints", 10)), TIERS);
        String text = corpus().get(0).getString("text");
        Customer customer = CUSTOMERS.get(0);
        Contact tweet = contact(ChannelShapes.ALL.get(1), text, customer, 1);
        Contact dm = contact(ChannelShapes.ALL.get(2), text, customer, 2);
        Priority pub = TestSupport.run(exposed, tweet).priority();
        Priority priv = TestSupport.run(exposed, dm).priority();
        assertThat(pub.reasons()).extracting(PriorityReason::code).contains("exposure.public", "exposure.reach");
        int exposurePoints = pub.reasons().stream().filter(r -> r.code().startsWith("exposure."))
                .mapToInt(PriorityReason::points).sum();
        assertThat(exposurePoints).isEqualTo(10);
        assertThat(pub.score() - priv.score()).isEqualTo(10);
        assertThat(priv.reasons()).extracting(PriorityReason::code).noneMatch(c -> c.startsWith("exposure."));
    }
}
