package io.switchboard.spi.testkit;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.PhoneNumber;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestPhoneNumbersTest {

    @Test
    void unallocatedButPossibleTestRangeShouldBeKeptAndMarkedInvalidOrValid() {
        PhoneNumber p = TestPhoneNumbers.get().normalise("07700 900123", "GB", Assurance.SELF_ASSERTED);
        assertThat(p.e164()).isEqualTo("+447700900123");
        assertThat(p.raw()).isEqualTo("07700 900123");
    }

    @Test
    void providerPrefixesShouldBeStripped() {
        assertThat(TestPhoneNumbers.get().normalise("whatsapp:+14155550100", null, Assurance.PROVIDER).e164())
                .isEqualTo("+14155550100");
    }

    @Test
    void nationalNumberWithoutARegionShouldNotNormalise() {
        assertThat(TestPhoneNumbers.get().normalise("020 7946 0000", null, Assurance.PROVIDER).e164()).isNull();
    }
}
