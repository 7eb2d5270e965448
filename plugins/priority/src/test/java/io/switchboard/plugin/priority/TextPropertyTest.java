package io.switchboard.plugin.priority;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class TextPropertyTest {

    @Property(tries = 3000)
    void theAsciiShortCutReadsTextAsTheFullNormalisationDoes(@ForAll("ascii") String text) {
        assertThat(Text.normalise(text)).isEqualTo(Text.unicode(text));
    }

    @Property(tries = 1000)
    void anyTextIsReadAsTheFullNormalisationReadsIt(@ForAll String text) {
        assertThat(Text.normalise(text)).isEqualTo(Text.unicode(text));
    }

    @Property(tries = 500)
    void accentsAndTypographicApostrophesReadAsPlainLetters(@ForAll("ascii") String text) {
        assertThat(Text.words("St\u00f6rung can\u2019t " + text)).startsWith("storung", "can't");
    }

    @Provide
    Arbitrary<String> ascii() {
        return Arbitraries.strings().ascii().ofMaxLength(80);
    }
}
