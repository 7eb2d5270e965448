package io.switchboard.spi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpiVersionTest {

    @Test
    void sameVersionShouldBeCompatible() {
        assertThat(SpiVersion.isCompatible("1.0", "1.0")).isTrue();
    }

    @Test
    void olderMinorShouldRunOnNewerMinor() {
        assertThat(SpiVersion.isCompatible("1.0", "1.3")).isTrue();
    }

    @Test
    void newerMinorShouldNotRunOnOlderMinor() {
        assertThat(SpiVersion.isCompatible("1.4", "1.3")).isFalse();
    }

    @Test
    void otherMajorShouldNotBeCompatible() {
        assertThat(SpiVersion.isCompatible("2.0", "1.0")).isFalse();
        assertThat(SpiVersion.isCompatible("0.9", "1.0")).isFalse();
    }

    @Test
    void malformedVersionShouldBeRejectedWithTheValue() {
        assertThatThrownBy(() -> SpiVersion.isCompatible("one", "1.0")).hasMessageContaining("'one'");
    }
}
