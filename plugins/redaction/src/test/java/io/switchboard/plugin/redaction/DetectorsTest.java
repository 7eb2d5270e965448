package io.switchboard.plugin.redaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorsTest {

    private final CardDetector cards = new CardDetector();
    private final IbanDetector ibans = new IbanDetector();

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444",
            "378282246310005", "3782 822463 10005", "6011111111111117", "2223003122003222", "4012888888881881",
            "6200000000000005", "3530111333300000"})
    void shouldFindTheCardNumbersPaymentProvidersPublishForTesting(String card) {
        String text = "my card is " + card + ", please refund";
        List<Finding> found = cards.find(text);
        assertThat(found).containsExactly(new Finding("payment-card", 11, 11 + card.length()));
    }

    @Test
    void shouldNotFindANumberThatFailsTheLuhnCheck() {
        assertThat(cards.find("order 4111 1111 1111 1112 is late")).isEmpty();
    }

    @Test
    void shouldNotFindALuhnValidNumberWithoutACardIndustryIdentifier() {
        // 16 digits, Luhn-valid, but starting with 9 (national use) and 1 (airlines): not payment cards.
        assertThat(Luhn.isValid("9000000000000001")).isTrue();
        assertThat(cards.find("ref 9000000000000001")).isEmpty();
        assertThat(Luhn.isValid("1000000000000008")).isTrue();
        assertThat(cards.find("ref 1000000000000008")).isEmpty();
    }

    @Test
    void shouldNotFindDigitsGluedToLetters() {
        assertThat(cards.find("id x4111111111111111")).isEmpty();
        assertThat(cards.find("id 4111111111111111x")).isEmpty();
    }

    @Test
    void shouldFindACardNextToAnotherNumberSeparatedOnlyBySpace() {
        String text = "order 12 4111 1111 1111 1111 thanks";
        assertThat(cards.find(text)).containsExactly(new Finding("payment-card", 9, 28));
    }

    @Test
    void shouldFindTwoCardsInOneText() {
        String text = "4111111111111111 and 5555 5555 5555 4444";
        assertThat(cards.find(text)).extracting(Finding::start).containsExactly(0, 21);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "DE89 3704 0044 0532 0130 00",
            "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00", "BE68 5390 0754 7034",
            "CH93 0076 2011 6238 5295 7", "gb82west12345698765432", "NO93 8601 1117 947"})
    void shouldFindTheIbansOfTheRegistryExamples(String iban) {
        String text = "pay to " + iban + " please";
        assertThat(ibans.find(text)).containsExactly(new Finding("iban", 7, 7 + iban.length()));
    }

    @Test
    void shouldNotFindAnIbanWithAWrongCheckDigit() {
        assertThat(ibans.find("GB83 WEST 1234 5698 7654 32")).isEmpty();
    }

    @Test
    void shouldNotFindAnIbanOfTheWrongLengthForItsCountry() {
        assertThat(ibans.find("GB82 WEST 1234 5698 7654 3")).isEmpty();
        assertThat(ibans.find("GB82WEST123456987654321")).isEmpty();
    }

    @Test
    void shouldNotFindAnIbanInMixedCaseOrIrregularGroups() {
        assertThat(ibans.find("Gb82west12345698765432")).isEmpty();
        assertThat(ibans.find("GB82 WES T1234 5698 7654 32")).isEmpty();
    }

    @Test
    void shouldNotReadOrdinaryWordsAfterACountryCodeAsAnIban() {
        assertThat(ibans.find("DE12 this is some text here ok")).isEmpty();
    }

    @Test
    void shouldFindOnlyTheValueGroupOfAConfiguredPattern() {
        PatternDetector d = new PatternDetector("account-number",
                Pattern.compile("(?i)account (?:no\\.?|number)\\s*(?<value>\\d{8})"));
        String text = "my account no. 12345678 is blocked";
        assertThat(d.find(text)).containsExactly(new Finding("account-number", 15, 23));
    }

    @Test
    void luhnCheckDigitShouldCompleteAValidNumber() {
        assertThat(Luhn.checkDigit("411111111111111")).isEqualTo(1);
        assertThat(Luhn.isValid("")).isFalse();
        assertThat(Luhn.isValid("12a4")).isFalse();
    }

    @Test
    void ibanCheckDigitsShouldMatchTheRegistryExample() {
        assertThat(Iban.checkDigits("GB", "WEST12345698765432")).isEqualTo("82");
    }
}
