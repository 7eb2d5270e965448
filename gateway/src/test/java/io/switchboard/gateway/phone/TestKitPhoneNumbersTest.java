package io.switchboard.gateway.phone;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.testkit.TestPhoneNumbers;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test kit's phone normaliser must agree with the gateway's: a plugin tested on the kit sees the numbers it
 * will see in production.
 */
class TestKitPhoneNumbersTest {

    private static final LibPhoneNumbers GATEWAY = new LibPhoneNumbers();

    @Test
    void fixedCorpusShouldNormaliseIdentically() {
        for (String raw : List.of("+44 7700 900123", "07700 900123", "whatsapp:+447700900123", "447700900123",
                "tel:+1-415-555-0100", "(020) 7183 8750", "12", "", "  +33 6 12 34 56 78 ", "sms:0612345678",
                "+999 123", "viber:+4915112345678")) {
            for (String region : new String[] {null, "GB", "US", "FR", "DE", "XX"}) {
                assertThat(TestPhoneNumbers.get().normalise(raw, region, Assurance.PROVIDER))
                        .as("%s in %s", raw, region)
                        .isEqualTo(GATEWAY.normalise(raw, region, Assurance.PROVIDER));
            }
        }
    }

    @Test
    void cachedResultsShouldBeThoseOfAFreshParse() {
        // A tiny cache, hit and evicted all the time: region is part of the key, raw and assurance are not cached.
        LibPhoneNumbers cached = new LibPhoneNumbers(3);
        List<String> raws = List.of("07700 900123", "+44 7700 900123", "0612345678", "whatsapp:447700900123", "12");
        for (int round = 0; round < 3; round++) {
            for (String region : new String[] {"GB", "FR", null, "GB"}) {
                for (String raw : raws) {
                    for (Assurance a : new Assurance[] {Assurance.PROVIDER, Assurance.SELF_ASSERTED}) {
                        assertThat(cached.normalise(raw, region, a)).as("%s in %s", raw, region)
                                .isEqualTo(TestPhoneNumbers.get().normalise(raw, region, a));
                    }
                }
            }
        }
        assertThat(cached.normalise("07700 900123", "GB", Assurance.PROVIDER).e164()).isEqualTo("+447700900123");
        assertThat(cached.normalise("07700 900123", "FR", Assurance.PROVIDER).e164()).isNotEqualTo("+447700900123");
    }

    @Property(tries = 300)
    void arbitraryDialStringsShouldNormaliseIdentically(
            @ForAll @StringLength(max = 20) @Chars({'+', ' ', '-', '(', ')'}) @CharRange(from = '0', to = '9') String raw) {
        assertThat(TestPhoneNumbers.get().normalise(raw, "GB", Assurance.SELF_ASSERTED))
                .isEqualTo(GATEWAY.normalise(raw, "GB", Assurance.SELF_ASSERTED));
    }
}
