package io.switchboard.gateway.channel.vonage;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Vonage's timestamp forms, each as the APIs send them. */
class VonageTimestampsTest {

    @Test
    void shouldReadIsoInstantWithZ() {
        assertThat(VonageTimestamps.parse("2020-01-01T15:43:21Z")).isEqualTo(Instant.parse("2020-01-01T15:43:21Z"));
    }

    @Test
    void shouldReadIsoInstantWithMillisAndOtherFractions() {
        assertThat(VonageTimestamps.parse("2020-01-01T14:00:03.010Z")).isEqualTo(Instant.parse("2020-01-01T14:00:03.010Z"));
        assertThat(VonageTimestamps.parse("2025-02-03T12:45:30.5Z")).isEqualTo(Instant.parse("2025-02-03T12:45:30.500Z"));
        assertThat(VonageTimestamps.parse("2025-02-03T12:45:30.123456789Z"))
                .isEqualTo(Instant.parse("2025-02-03T12:45:30.123456789Z"));
    }

    @Test
    void shouldReadOffsetsInEveryNotation() {
        Instant t = Instant.parse("2025-02-03T11:25:44Z");
        assertThat(VonageTimestamps.parse("2025-02-03T12:25:44+01:00")).isEqualTo(t);
        assertThat(VonageTimestamps.parse("2025-02-03T12:25:44+0100")).isEqualTo(t);
        assertThat(VonageTimestamps.parse("2025-02-03T12:25:44+01")).isEqualTo(t);
        assertThat(VonageTimestamps.parse("2025-02-03T11:25:44+00:00")).isEqualTo(t);
    }

    @Test
    void shouldReadSpaceSeparatedTimeWithoutZoneAsUtc() {
        assertThat(VonageTimestamps.parse("2020-01-01 12:00:00")).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
        assertThat(VonageTimestamps.parse("2020-01-01T12:00:00")).isEqualTo(Instant.parse("2020-01-01T12:00:00Z"));
    }

    @Test
    void shouldReadEpochSecondsAndMillisAsNumbersAndStrings() {
        Instant t = Instant.ofEpochSecond(1738585000);
        assertThat(VonageTimestamps.parse(1738585000)).isEqualTo(t);
        assertThat(VonageTimestamps.parse(1738585000000L)).isEqualTo(t);
        assertThat(VonageTimestamps.parse("1738585000")).isEqualTo(t);
        assertThat(VonageTimestamps.parse("1738585000000")).isEqualTo(t);
    }

    @Test
    void shouldReadGarbageAsAbsent() {
        for (Object bad : new Object[] {null, "", " ", "yesterday", "2020-13-01T00:00:00Z", "2020-01-01T25:00:00Z",
                "2020-01-01", true, -5, "x".repeat(100), "2020-01-01T00:00:00Zjunk"}) {
            assertThat(VonageTimestamps.parse(bad)).as(String.valueOf(bad)).isNull();
        }
    }
}
