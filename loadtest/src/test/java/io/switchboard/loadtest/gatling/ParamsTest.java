package io.switchboard.loadtest.gatling;

import io.switchboard.loadtest.traffic.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamsTest {

    private static Params of(Map<String, String> props, Map<String, String> env) {
        return new Params(props::get, env::get);
    }

    @Test
    void aSystemPropertyShouldWinOverTheEnvironment() {
        Params p = of(Map.of("rate", "50"), Map.of("LOADTEST_RATE", "10"));
        assertThat(p.rate(1)).isEqualTo(50);
    }

    @Test
    void theEnvironmentShouldNameParametersInUpperSnakeCase() {
        Params p = of(Map.of(), Map.of("LOADTEST_P95_MS", "120", "LOADTEST_MAX_ERROR_PERCENT", "0.5"));
        assertThat(p.p95Ms()).isEqualTo(120);
        assertThat(p.maxErrorPercent()).isEqualTo(0.5);
    }

    @Test
    void defaultsShouldApplyWhenNothingIsSet() {
        Params p = of(Map.of(), Map.of());
        assertThat(p.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(p.adminUrl()).isEqualTo("http://localhost:8081");
        assertThat(p.publicBaseUrl()).isEqualTo("http://localhost:8080");
        assertThat(p.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.p99Ms()).isEqualTo(1000);
        assertThat(p.traffic().twilioAuthToken()).isEqualTo("loadtest-twilio-auth-token");
    }

    @Test
    void secretsShouldComeFromTheGatewaysEnvironmentVariables() {
        Params p = of(Map.of(), Map.of("META_APP_SECRET", "from-env", "SWITCHBOARD_BASE_URL", "http://gw:9000/"));
        assertThat(p.traffic().metaAppSecret()).isEqualTo("from-env");
        assertThat(p.traffic().publicBaseUrl()).isEqualTo("http://gw:9000");
    }

    @Test
    void durationsShouldReadUnitsAndIso8601() {
        assertThat(Params.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Params.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Params.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBadDurationShouldNameTheParameter() {
        assertThatThrownBy(() -> of(Map.of("duration", "soon"), Map.of()).duration())
                .hasMessageContaining("duration").hasMessageContaining("soon");
    }

    @Test
    void ratiosShouldKeepTheirOrderAndSkipZeroWeights() {
        Map<Kind, Double> r = of(Map.of("ratios", "voice=35, sms=25,form=0,x-dm=4"), Map.of()).ratios("ratios", "form=1");
        assertThat(r).containsExactly(Map.entry(Kind.VOICE, 35.0), Map.entry(Kind.SMS, 25.0), Map.entry(Kind.X_DM, 4.0));
    }

    @Test
    void anUnknownKindShouldBeNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> of(Map.of("ratios", "fax=3"), Map.of()).ratios("ratios", "form=1"))
                .hasMessageContaining("ratios").hasMessageContaining("fax").hasMessageContaining("x-mention");
    }

    @Test
    void aNegativeRateShouldBeRefused() {
        assertThatThrownBy(() -> of(Map.of("rate", "-5"), Map.of()).rate(1)).hasMessageContaining("rate");
    }

    @Test
    void splittingShouldShareTheTotalRateByWeight() {
        Map<Kind, Double> split = Load.split(Map.of(Kind.SMS, 3.0, Kind.VOICE, 1.0), 100);
        assertThat(split).containsEntry(Kind.SMS, 75.0).containsEntry(Kind.VOICE, 25.0);
    }
}
