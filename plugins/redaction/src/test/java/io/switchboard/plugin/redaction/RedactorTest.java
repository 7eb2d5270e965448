package io.switchboard.plugin.redaction;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of(new CardDetector(), new IbanDetector(),
            new PatternDetector("account-number", Pattern.compile("\\b\\d{8}\\b"))), "[redacted {kind}]");

    @Test
    void shouldReplaceEveryFindingWithItsKind() {
        String text = "card 4111 1111 1111 1111, iban GB82 WEST 1234 5698 7654 32, account 12345678.";
        List<Finding> found = redactor.find(text);
        assertThat(found).extracting(Finding::kind).containsExactly("payment-card", "iban", "account-number");
        assertThat(redactor.redact(text, found)).isEqualTo(
                "card [redacted payment-card], iban [redacted iban], account [redacted account-number].");
    }

    @Test
    void shouldMergeOverlappingFindingsUnderTheKindOfTheFirst() {
        Redactor r = new Redactor(List.of(new CardDetector(),
                new PatternDetector("digits", Pattern.compile("\\d{4}"))), "[x]");
        assertThat(r.find("4111111111111111")).containsExactly(new Finding("payment-card", 0, 16));
        assertThat(r.find("4111111111111111 1234")).containsExactly(new Finding("payment-card", 0, 16),
                new Finding("digits", 17, 21));
    }

    @Test
    void shouldRedactTheWholeSpanOfAnIbanOverlappingACardNumber() {
        // Found by the property test: an IBAN whose last group starts a Luhn-valid card number.
        String text = "AD31 AAAA AAAA AAAA AAAA 2101 2000 0000 0000 8";
        List<Finding> found = redactor.find(text);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).kind()).isEqualTo("iban");
        String redacted = redactor.redact(text, found);
        assertThat(redactor.find(redacted)).isEmpty();
    }

    @Test
    void shouldLeaveTextWithoutFindingsAlone() {
        assertThat(redactor.find("nothing here, order 1234")).isEmpty();
        assertThat(redactor.find(null)).isEmpty();
        assertThat(redactor.find("")).isEmpty();
    }
}
