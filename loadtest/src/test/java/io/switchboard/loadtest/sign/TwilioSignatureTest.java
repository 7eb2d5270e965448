package io.switchboard.loadtest.sign;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official vectors of twilio-java's RequestValidatorTest and twilio-python's test_request_validator
 * (PROTOCOLS.md 3.3): auth token {@code 12345}, the SDKs' common URL and parameters.
 */
class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String JSON_BODY = "{\"property\": \"value\", \"boolean\": true}";
    private static final String BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    private static Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CallSid", "CA1234567890ABCDE");
        p.put("Digits", "1234");
        p.put("From", "+14158675309");
        p.put("To", "+18005551212");
        p.put("Caller", "+14158675309");
        return p;
    }

    @Test
    void shouldSignTheSdksCommonRequest() {
        assertThat(TwilioSignature.signSingle(TOKEN, URL, params())).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void shouldSortParameterNamesWhateverOrderTheyArriveIn() {
        Map<String, String> reversed = new LinkedHashMap<>();
        List.of("To", "From", "Digits", "Caller", "CallSid").forEach(k -> reversed.put(k, params().get(k)));
        assertThat(TwilioSignature.signSingle(TOKEN, URL, reversed)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void shouldSignTheUrlAloneWhenThereAreNoParameters() {
        assertThat(TwilioSignature.signSingle(TOKEN, URL, Map.of())).isEqualTo("zYQTYrRWXE7LtzbG4PfP7/bkkGo=");
    }

    @Test
    void shouldSignAUrlWithoutQuery() {
        assertThat(TwilioSignature.signSingle(TOKEN, "https://mycompany.com/myapp.php", params()))
                .isEqualTo("1xaxFBvyzXYvWplzNOSs28HWO94=");
    }

    @Test
    void shouldSignTheQueryExactlyAsGiven() {
        assertThat(TwilioSignature.signSingle(TOKEN,
                URL + "&type=thiswontbeusedinthesignaturegeneratorandsoshouldbeignored", params()))
                .isEqualTo("hYkNsTBttoNGkyCS0p+wWmQoRTg=");
    }

    @Test
    void shouldKeepAnExplicitPortInTheSignedUrl() {
        assertThat(TwilioSignature.signSingle(TOKEN, "http://mycompany.com:1234/myapp.php?foo=1&bar=2", params()))
                .isEqualTo("Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
    }

    @Test
    void shouldMatchTheSdksVectorForHttpsWithPort443() {
        assertThat(TwilioSignature.signSingle(TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", params()))
                .isEqualTo("kvajT1Ptam85bY51eRf/AJRuM3w=");
    }

    @Test
    void shouldMatchTheSdksVectorForHttpWithPort80() {
        assertThat(TwilioSignature.signSingle(TOKEN, "http://mycompany.com:80/myapp.php?foo=1&bar=2", params()))
                .isEqualTo("0ZXoZLH/DfblKGATFgpif+LLRf4=");
    }

    @Test
    void shouldSortAndDeduplicateTheValuesOfARepeatedParameter() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("Sid", List.of("CA123"));
        p.put("SidAccount", List.of("AC123"));
        p.put("Digits", List.of("5678", "1234", "1234"));
        assertThat(TwilioSignature.sign(TOKEN, URL, p)).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    @Test
    void shouldHashAJsonBodyAsTwilioDoes() {
        assertThat(TwilioSignature.bodySha256(JSON_BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(BODY_HASH);
    }

    @Test
    void shouldSignAJsonBodyRequestOverTheUrlWithItsBodyHash() {
        String url = TwilioSignature.urlWithBodyHash(URL, JSON_BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(url).isEqualTo(URL + "&bodySHA256=" + BODY_HASH);
        assertThat(TwilioSignature.signJsonBody(TOKEN, url)).isEqualTo("a9nBmqA0ju/hNViExpshrM61xv4=");
    }

    @Test
    void shouldSignAJsonBodyRequestWhoseOnlyQueryIsTheBodyHash() {
        String url = TwilioSignature.urlWithBodyHash("https://mycompany.com/myapp.php",
                JSON_BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(TwilioSignature.signJsonBody(TOKEN, url)).isEqualTo("y77kIzt2vzLz71DgmJGsen2scGs=");
    }

    @Test
    void anotherAuthTokenShouldGiveAnotherSignature() {
        assertThat(TwilioSignature.signSingle("54321", URL, params())).isNotEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void nullValuesShouldBeSignedAsEmpty() {
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("CallSid", "CA1234567890ABCDE");
        withNull.put("Digits", null);
        Map<String, String> withEmpty = new LinkedHashMap<>();
        withEmpty.put("CallSid", "CA1234567890ABCDE");
        withEmpty.put("Digits", "");
        assertThat(TwilioSignature.signSingle(TOKEN, URL, withNull))
                .isEqualTo(TwilioSignature.signSingle(TOKEN, URL, withEmpty));
    }
}
