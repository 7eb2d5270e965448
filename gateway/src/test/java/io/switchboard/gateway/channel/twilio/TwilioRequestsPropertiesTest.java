package io.switchboard.gateway.channel.twilio;

import io.switchboard.spi.channel.FormFields;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The field checks of {@link TwilioRequests} are hand-written scans (they run several times per request); each must
 * accept exactly what its documented pattern accepts. The patterns here are the specification.
 */
class TwilioRequestsPropertiesTest {

    private static final Pattern SID = Pattern.compile("^[A-Z]{2}[A-Za-z0-9]{1,62}$");
    private static final Pattern STATUS = Pattern.compile("^[a-z][a-z_-]{0,31}$");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,9}$");
    private static final Pattern REGION = Pattern.compile("^[A-Za-z]{2}$");

    /** Strings near the patterns' edges: their alphabets, neighbours of each range, non-ASCII letters and digits. */
    @Provide
    Arbitrary<String> edgy() {
        return Arbitraries.strings().withChars("AZaz09@[`{/:_-. \u00c9\u0660\uff21")
                .withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9')
                .ofMinLength(0).ofMaxLength(70);
    }

    @Property(tries = 3000)
    void sidIsThePattern(@ForAll("edgy") String v) {
        assertThat(TwilioRequests.isSid(v)).as(v).isEqualTo(SID.matcher(v).matches());
    }

    @Property(tries = 3000)
    void statusIsThePattern(@ForAll("edgy") String v) {
        assertThat(TwilioRequests.isStatus(v.toLowerCase(Locale.ROOT))).as(v)
                .isEqualTo(STATUS.matcher(v.toLowerCase(Locale.ROOT)).matches());
        assertThat(TwilioRequests.isStatus(v)).as(v).isEqualTo(STATUS.matcher(v).matches());
    }

    @Property(tries = 3000)
    void countIsThePattern(@ForAll("edgy") String v) {
        FormFields f = FormFields.of("N", v);
        Integer expected = DIGITS.matcher(v.strip()).matches() ? Integer.valueOf(v.strip()) : null;
        assertThat(TwilioRequests.count(f, "N")).as(v).isEqualTo(expected);
        assertThat(TwilioRequests.isDigits(v, 9)).as(v).isEqualTo(DIGITS.matcher(v).matches());
    }

    @Property(tries = 3000)
    void regionIsThePattern(@ForAll("edgy") String v) {
        FormFields f = FormFields.of("FromCountry", v);
        String expected = REGION.matcher(v.strip()).matches() ? v.strip().toUpperCase(Locale.ROOT) : "XX";
        assertThat(TwilioRequests.region(f, "From", "XX")).as(v).isEqualTo(expected);
    }

    @Example
    void realValuesPass() {
        assertThat(TwilioRequests.isSid("SM1f0e8ae6ade43cb3c0ce4525424e404f")).isTrue();
        assertThat(TwilioRequests.isSid("AC")).isFalse();
        assertThat(TwilioRequests.isSid("ac1f0e8ae6")).isFalse();
        assertThat(TwilioRequests.isStatus("in-progress")).isTrue();
        assertThat(TwilioRequests.isStatus("Delivered")).isFalse();
        assertThat(TwilioRequests.isDigits("123456789", 9)).isTrue();
        assertThat(TwilioRequests.isDigits("1234567890", 9)).isFalse();
    }
}
