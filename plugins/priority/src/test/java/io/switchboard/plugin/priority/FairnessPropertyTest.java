package io.switchboard.plugin.priority;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.Visibility;
import io.switchboard.spi.plugin.ContactPlugin;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FairnessPropertyTest {

    private static final ContactPlugin PLUGIN = TestSupport.plugin(new JsonObject(), Map.of("c-1", "gold"));

    @Property
    void scoringIsChannelInvariant(@ForAll("texts") String text, @ForAll("shapes") ChannelShapes.Shape a,
                                   @ForAll("shapes") ChannelShapes.Shape b, @ForAll boolean linked,
                                   @ForAll @IntRange(min = 1, max = 9) int contacts) {
        CustomerMatch m = linked ? new CustomerMatch("c-1", "phone", MatchLevel.STRONG, 0.95, true, List.of("c-1")) : null;
        Contact ca = a.contact(text, m, TestSupport.NOW, 1).withAttribute("continuity", "contactCount", contacts);
        Contact cb = b.contact(text, m, TestSupport.NOW, 2).withAttribute("continuity", "contactCount", contacts);
        assertThat(TestSupport.run(PLUGIN, ca).priority()).isEqualTo(TestSupport.run(PLUGIN, cb).priority());
    }

    @Property
    void visibilityAndAudienceNeverRaisePriorityByDefault(@ForAll("texts") String text, @ForAll("shapes") ChannelShapes.Shape s,
                                                          @ForAll @LongRange(min = 0, max = 2_000_000_000L) long audience) {
        Contact c = s.contact(text, null, TestSupport.NOW, 1);
        int base = TestSupport.run(PLUGIN, c.toBuilder().visibility(Visibility.PRIVATE).build()).priority().score();
        Contact loud = c.toBuilder().visibility(Visibility.PUBLIC).build().withAttribute("x", "followersCount", audience);
        assertThat(TestSupport.run(PLUGIN, loud).priority().score()).isEqualTo(base);
    }

    @Property
    void scoresStayWithinZeroToOneHundred(@ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 1000) int contacts) {
        Contact c = ChannelShapes.ALL.get(0).contact(text, null, TestSupport.NOW, 1)
                .withAttribute("continuity", "contactCount", contacts)
                .withAttribute("continuity", "openedAt", TestSupport.NOW.minusSeconds(86_400L * 30).toString());
        int score = TestSupport.run(PLUGIN, c).priority().score();
        assertThat(score).isBetween(0, 100);
    }

    @Provide
    Arbitrary<ChannelShapes.Shape> shapes() {
        return Arbitraries.of(ChannelShapes.ALL);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> cue = Arbitraries.of("outage", "is down", "fraud", "cancel", "third time", "lawyer", "urgent",
                "passed away", "Störung", "kündigen", "arnaque", "avocat", "the", "my", "und", "le", "please");
        Arbitrary<String> word = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
        return Arbitraries.oneOf(cue, word, Arbitraries.strings().ofMaxLength(6)).list().ofMaxSize(25)
                .map(l -> String.join(" ", l));
    }
}
