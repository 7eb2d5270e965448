package io.switchboard.plugin.redaction;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorPropertyTest {

    private static final List<String> COUNTRIES = new ArrayList<>(Iban.LENGTHS.keySet().stream().sorted().toList());

    private final Redactor redactor = new Redactor(List.of(new CardDetector(), new IbanDetector()), "[redacted {kind}]");

    @Property
    void everyValidGeneratedCardNumberIsFoundWhereItIs(@ForAll("cards") String card, @ForAll("format") int format,
                                                        @ForAll("words") String before, @ForAll("words") String after) {
        String written = format(card, format);
        String text = before + " " + written + " " + after;
        int start = before.length() + 1;
        assertThat(new CardDetector().find(text)).containsExactly(new Finding("payment-card", start, start + written.length()));
    }

    @Property
    void digitStringsFailingTheLuhnCheckAreNotFound(@ForAll("nonLuhn") String digits, @ForAll("words") String before) {
        assertThat(new CardDetector().find(before + " " + digits + " ")).isEmpty();
    }

    @Property
    void everyValidGeneratedIbanIsFoundWhereItIs(@ForAll("ibans") String iban, @ForAll boolean printFormat,
                                                  @ForAll boolean lowerCase, @ForAll("words") String before,
                                                  @ForAll("words") String after) {
        String written = printFormat ? print(iban) : iban;
        written = lowerCase ? written.toLowerCase(java.util.Locale.ROOT) : written;
        String text = before + " " + written + ". " + after;
        int start = before.length() + 1;
        assertThat(new IbanDetector().find(text)).containsExactly(new Finding("iban", start, start + written.length()));
    }

    @Property
    void anIbanWithOneCharacterChangedIsNotFound(@ForAll("ibans") String iban, @ForAll @IntRange(min = 2, max = 40) int at,
                                                  @ForAll @IntRange(min = 1, max = 9) int delta) {
        int i = Math.min(at, iban.length() - 1);
        char c = iban.charAt(i);
        char changed = Character.isDigit(c) ? (char) ('0' + (c - '0' + delta) % 10) : (char) ('A' + (c - 'A' + delta) % 26);
        String mutated = iban.substring(0, i) + changed + iban.substring(i + 1);
        assertThat(new IbanDetector().find("x " + mutated + " y")).isEmpty();
    }

    @Property
    void redactionNeverLeavesADetectedValueInTheText(@ForAll("mixed") String text) {
        List<Finding> found = redactor.find(text);
        String redacted = redactor.redact(text, found);
        assertThat(redactor.find(redacted)).isEmpty();
        for (Finding f : found) {
            String value = text.substring(f.start(), f.end());
            assertThat(redacted).doesNotContain(value);
            assertThat(redacted.replaceAll("[^0-9A-Za-z]", "")).doesNotContain(value.replaceAll("[^0-9A-Za-z]", ""));
        }
    }

    @Property
    void findingsAreOrderedAndNeverOverlap(@ForAll("mixed") String text) {
        List<Finding> found = redactor.find(text);
        for (int i = 1; i < found.size(); i++) {
            assertThat(found.get(i).start()).isGreaterThanOrEqualTo(found.get(i - 1).end());
        }
    }

    @Property
    void arbitraryTextNeverBreaksTheDetectors(@ForAll String text) {
        PatternDetector p = new PatternDetector("account-number", Pattern.compile("\\b\\d{8}\\b"));
        for (Detector d : List.of(new CardDetector(), new IbanDetector(), p)) {
            for (Finding f : d.find(text)) {
                assertThat(f.end()).isLessThanOrEqualTo(text.length());
            }
        }
    }

    @Provide
    Arbitrary<String> cards() {
        return Combinators.combine(Arbitraries.integers().between(2, 6), Arbitraries.integers().between(13, 19),
                Arbitraries.strings().numeric().ofLength(18)).as((first, len, rest) -> {
            String payload = first + rest.substring(0, len - 2);
            return payload + Luhn.checkDigit(payload);
        });
    }

    @Provide
    Arbitrary<Integer> format() {
        return Arbitraries.integers().between(0, 2);
    }

    private static String format(String card, int format) {
        if (format == 0) {
            return card;
        }
        String sep = format == 1 ? " " : "-";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < card.length(); i += 4) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(card, i, Math.min(card.length(), i + 4));
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<String> nonLuhn() {
        return Arbitraries.strings().numeric().ofMinLength(13).ofMaxLength(19).filter(s -> !Luhn.isValid(s));
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz ,.!?").ofMaxLength(30)
                .map(s -> "w" + s + "w");
    }

    @Provide
    Arbitrary<String> ibans() {
        return Arbitraries.of(COUNTRIES).flatMap(country -> Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").ofLength(Iban.length(country) - 4)
                .map(bban -> country + Iban.checkDigits(country, bban) + bban));
    }

    private static String print(String iban) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(iban, i, Math.min(iban.length(), i + 4));
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<String> mixed() {
        Arbitrary<String> piece = Arbitraries.oneOf(words(), cards().map(c -> format(c, 1)), cards(),
                ibans().map(DetectorPropertyTest::print), ibans(), Arbitraries.strings().numeric().ofMaxLength(20),
                Arbitraries.strings().ofMaxLength(10));
        return piece.list().ofMaxSize(8).map(l -> String.join(" ", l));
    }
}
