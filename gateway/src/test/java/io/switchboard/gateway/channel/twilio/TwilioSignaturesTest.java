package io.switchboard.gateway.channel.twilio;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every test vector of PROTOCOLS.md 3.3. The rows the reference kept back were derived from the rules and then
 * checked against the SDKs' own suites: twilio-java {@code src/test/java/com/twilio/security/RequestValidatorTest.java}
 * and twilio-python {@code tests/unit/test_request_validator.py}, which carry exactly these expected values.
 */
class TwilioSignaturesTest {

    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final FormFields PARAMS = FormFields.of("CallSid", "CA1234567890ABCDE", "Digits", "1234",
            "From", "+14158675309", "To", "+18005551212", "Caller", "+14158675309");
    static final String BODY = "{\"property\": \"value\", \"boolean\": true}";
    static final String BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    private static final byte[] KEY = TOKEN.getBytes(StandardCharsets.UTF_8);

    private static boolean valid(String url, FormFields params, String signature) {
        return TwilioSignatures.matches(KEY, url, params, signature);
    }

    // --- the SDK suites' vectors, at the level of the algorithm ---

    @Test
    void baseVectorShouldMatch() {
        assertThat(TwilioSignatures.sign(TOKEN, URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(valid(URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void httpsUrlWithPortShouldBeAcceptedWithPortStripped() {
        assertThat(valid("https://mycompany.com:1234/myapp.php?foo=1&bar=2", PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
                .isTrue();
    }

    @Test
    void httpUrlWithPortShouldBeAcceptedAsSignedWithThatPort() {
        String url = "http://mycompany.com:1234/myapp.php?foo=1&bar=2";
        assertThat(TwilioSignatures.sign(TOKEN, url, PARAMS)).isEqualTo("Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
        assertThat(valid(url, PARAMS, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).isTrue();
    }

    @Test
    void httpsUrlShouldBeAcceptedWhenSignedWithPort443Added() {
        assertThat(TwilioSignatures.sign(TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS))
                .isEqualTo("kvajT1Ptam85bY51eRf/AJRuM3w=");
        assertThat(valid(URL, PARAMS, "kvajT1Ptam85bY51eRf/AJRuM3w=")).isTrue();
    }

    @Test
    void httpUrlShouldBeAcceptedWhenSignedWithPort80Added() {
        assertThat(TwilioSignatures.sign(TOKEN, "http://mycompany.com:80/myapp.php?foo=1&bar=2", PARAMS))
                .isEqualTo("0ZXoZLH/DfblKGATFgpif+LLRf4=");
        assertThat(valid("http://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, "0ZXoZLH/DfblKGATFgpif+LLRf4=")).isTrue();
    }

    @Test
    void bodyHashShouldBeTheSha256OfTheRawBody() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(java.util.HexFormat.of().formatHex(TwilioSignatures.sha256(body))).isEqualTo(BODY_HASH);
        assertThat(TwilioSignatures.bodyMatches(body, BODY_HASH)).isTrue();
        assertThat(TwilioSignatures.bodyMatches(body, BODY_HASH.toUpperCase())).isTrue();
        assertThat(TwilioSignatures.bodyMatches(body, "WRONG")).isFalse();
    }

    @Test
    void jsonVariantShouldSignTheUrlWithBodyHashAndNoParams() {
        String url = URL + "&bodySHA256=" + BODY_HASH;
        assertThat(TwilioSignatures.sign(TOKEN, url, FormFields.EMPTY)).isEqualTo("a9nBmqA0ju/hNViExpshrM61xv4=");
    }

    @Test
    void jsonVariantWithoutOtherQueryShouldMatch() {
        String url = "https://mycompany.com/myapp.php?bodySHA256=" + BODY_HASH;
        assertThat(TwilioSignatures.sign(TOKEN, url, FormFields.EMPTY)).isEqualTo("y77kIzt2vzLz71DgmJGsen2scGs=");
    }

    @Test
    void duplicateParamsShouldBeSortedAndDeduplicated() {
        String expected = "IK+Dwps556ElfBT0I3Rgjkr1wJU=";
        assertThat(TwilioSignatures.sign(TOKEN, URL, FormFields.of("Sid", "CA123", "SidAccount", "AC123",
                "Digits", "5678", "Digits", "1234"))).isEqualTo(expected);
        assertThat(TwilioSignatures.sign(TOKEN, URL, FormFields.of("Sid", "CA123", "SidAccount", "AC123",
                "Digits", "5678", "Digits", "1234", "Digits", "1234"))).isEqualTo(expected);
        assertThat(TwilioSignatures.sign(TOKEN, URL, FormFields.of("Digits", "1234", "Sid", "CA123",
                "Digits", "5678", "SidAccount", "AC123"))).isEqualTo(expected);
    }

    @Test
    void emptyParamsShouldSignTheUrlOnly() {
        assertThat(TwilioSignatures.sign(TOKEN, URL, FormFields.EMPTY)).isEqualTo("zYQTYrRWXE7LtzbG4PfP7/bkkGo=");
    }

    @Test
    void urlWithoutQueryShouldMatch() {
        assertThat(TwilioSignatures.sign(TOKEN, "https://mycompany.com/myapp.php", PARAMS))
                .isEqualTo("1xaxFBvyzXYvWplzNOSs28HWO94=");
    }

    @Test
    void extraQueryParamsShouldBePartOfTheSignedUrl() {
        String url = URL + "&type=thiswontbeusedinthesignaturegeneratorandsoshouldbeignored";
        assertThat(TwilioSignatures.sign(TOKEN, url, PARAMS)).isEqualTo("hYkNsTBttoNGkyCS0p+wWmQoRTg=");
        assertThat(valid(url, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }

    @Test
    void urlEncodedQueryShouldBeSignedAsReceivedNotDecoded() {
        String url = "https://mycompany.com/myapp.php?foo=hello%20world&bar=test%2Bvalue";
        assertThat(TwilioSignatures.sign(TOKEN, url, PARAMS)).isEqualTo("er2tvAP1Wx+iuTTE2BPgvEaN1cs=");
        assertThat(valid(url, PARAMS, "er2tvAP1Wx+iuTTE2BPgvEaN1cs=")).isTrue();
    }

    @Test
    void specialCharactersInValuesShouldBeSignedAsUtf8() {
        assertThat(TwilioSignatures.sign(TOKEN, URL, FormFields.of("Message", "Hello & goodbye! @#$%^*()",
                "From", "+1 (415) 867-5309", "Special", "unicode: ñáéíóú"))).isEqualTo("dCPiR4WtQ6QFN6pJh81CtlCcWLQ=");
    }

    @Test
    void emptyValuesShouldContributeTheirNames() {
        assertThat(TwilioSignatures.sign(TOKEN, URL, FormFields.of("Digits", "", "CallSid", "CA1234567890ABCDE",
                "EmptyParam", ""))).isEqualTo("9HHp/OqQMEwdrVebHDdA/+tqjX8=");
    }

    @Test
    void nullValuesShouldSignAsEmpty() {
        // twilio-java turns a null value into ""; a form body has no nulls, a valueless field decodes to "".
        assertThat(TwilioSignatures.sign(TOKEN, URL, FormFields.of("Digits", "", "CallSid", "CA1234567890ABCDE",
                "NullParam", ""))).isEqualTo("L9lTTwIlxM1xGAtLRwhOSZggRhM=");
    }

    @Test
    void namesShouldBeSortedWhateverTheirOrder() {
        assertThat(TwilioSignatures.sign(TOKEN, URL, FormFields.of("Zebra", "last", "Alpha", "first",
                "Beta", "second", "Gamma", "third"))).isEqualTo("enveUe73ZTVLAekHxez3Qx6JuuQ=");
    }

    @Test
    void internationalUrlShouldBeSignedAsUtf8() {
        assertThat(TwilioSignatures.sign(TOKEN, "https://mycompany.com/webhook/España?año=2023", PARAMS))
                .isEqualTo("G/Hx6mqqnjUNlPAoi2Sp9bGst0g=");
    }

    @Test
    void namesShouldSortCaseSensitively() {
        assertThat(TwilioSignatures.sign(TOKEN, URL, FormFields.of("callSid", "lowercase", "CallSid", "uppercase",
                "CALLSID", "allcaps"))).isEqualTo("jDK7WKT8wiNrwggd4ceTv4e1MJ4=");
    }

    @Test
    void malformedUrlShouldBeSignedAsIs() {
        String url = "https://mycompany.com:443//myapp.php?foo=1&bar=2";
        assertThat(TwilioSignatures.sign(TOKEN, url, PARAMS)).isEqualTo("A9lH3u16NjyiiM/+wylw5rirFUs=");
        assertThat(valid(url, PARAMS, "A9lH3u16NjyiiM/+wylw5rirFUs=")).isTrue();
    }

    @Test
    void wrongSignaturesShouldNotMatch() {
        for (String bad : new String[] {"NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=", "IncorrectSignatureValue123=", "", null,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8", "rsoydt4t1cutdk1pdd93/vvr8b8="}) {
            assertThat(valid(URL, PARAMS, bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void portVariantsShouldStripAnExplicitPortOrAddTheDefaultOne() {
        assertThat(TwilioSignatures.portVariants("https://h.example.com/p?q=1"))
                .containsExactly("https://h.example.com/p?q=1", "https://h.example.com:443/p?q=1");
        assertThat(TwilioSignatures.portVariants("http://h.example.com"))
                .containsExactly("http://h.example.com", "http://h.example.com:80");
        assertThat(TwilioSignatures.portVariants("https://h.example.com:8443/p"))
                .containsExactly("https://h.example.com/p", "https://h.example.com:8443/p");
        assertThat(TwilioSignatures.portVariants("https://u:pw@h.example.com/p"))
                .containsExactly("https://u:pw@h.example.com/p", "https://u:pw@h.example.com:443/p");
        assertThat(TwilioSignatures.portVariants("http://[::1]:8080/p"))
                .containsExactly("http://[::1]/p", "http://[::1]:8080/p");
        assertThat(TwilioSignatures.portVariants("not a url")).containsExactly("not a url", "not a url");
    }

    @Test
    void namesShouldSortByCodePointLikePython() {
        assertThat(TwilioSignatures.compareCodePoints("\uFFFF", "\uD83D\uDE00")).isNegative();
        assertThat(TwilioSignatures.compareCodePoints("CALLSID", "CallSid")).isNegative();
        assertThat(TwilioSignatures.compareCodePoints("CallSid", "callSid")).isNegative();
        assertThat(TwilioSignatures.compareCodePoints("Digits", "Digits2")).isNegative();
    }

    @Test
    void independentTestSignerShouldAgreeWithTheBaseVector() {
        String form = Stream.of(PARAMS.entries().toArray(new Map.Entry[0]))
                .map(e -> enc((String) e.getKey()) + "=" + enc((String) e.getValue())).collect(Collectors.joining("&"));
        assertThat(TwilioTestSigner.sign(TOKEN, URL, form)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    // --- the same vectors through the adapter, as the gateway calls it ---

    private static AdapterHarness harness() {
        return AdapterHarness.of(new TwilioMessagingAdapterFactory(), "acme-sms",
                new JsonObject().put("authToken", "${env:TWILIO_AUTH_TOKEN}"), Map.of("TWILIO_AUTH_TOKEN", TOKEN));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String form(FormFields f) {
        return f.entries().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static InboundRequest post(AdapterHarness h, String url, String body, String contentType, String sig) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.POST, url).header("Content-Type", contentType).body(body);
        if (sig != null) {
            b.header("X-Twilio-Signature", sig);
        }
        return b.build();
    }

    @Test
    void adapterShouldAcceptBaseVectorAsFormPost() {
        AdapterHarness h = harness();
        h.adapter().verify(post(h, URL, form(PARAMS), "application/x-www-form-urlencoded; charset=utf-8",
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    @Test
    void adapterShouldAcceptEveryPortVariantVector() {
        AdapterHarness h = harness();
        String body = form(PARAMS);
        String ct = "application/x-www-form-urlencoded";
        h.adapter().verify(post(h, "https://mycompany.com:1234/myapp.php?foo=1&bar=2", body, ct,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        h.adapter().verify(post(h, "http://mycompany.com:1234/myapp.php?foo=1&bar=2", body, ct,
                "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="));
        h.adapter().verify(post(h, URL, body, ct, "kvajT1Ptam85bY51eRf/AJRuM3w="));
        h.adapter().verify(post(h, "http://mycompany.com/myapp.php?foo=1&bar=2", body, ct,
                "0ZXoZLH/DfblKGATFgpif+LLRf4="));
        h.adapter().verify(post(h, "https://mycompany.com:443//myapp.php?foo=1&bar=2", body, ct,
                "A9lH3u16NjyiiM/+wylw5rirFUs="));
    }

    @Test
    void adapterShouldAcceptDuplicateParamsVectorFromARepeatedFormField() {
        AdapterHarness h = harness();
        h.adapter().verify(post(h, URL, "Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234",
                "application/x-www-form-urlencoded", "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
    }

    @Test
    void adapterShouldAcceptJsonVariantVectorsAndCheckTheBodyHash() {
        AdapterHarness h = harness();
        h.adapter().verify(post(h, URL + "&bodySHA256=" + BODY_HASH, BODY, "application/json",
                "a9nBmqA0ju/hNViExpshrM61xv4="));
        h.adapter().verify(post(h, "https://mycompany.com/myapp.php?bodySHA256=" + BODY_HASH, BODY, "application/json",
                "y77kIzt2vzLz71DgmJGsen2scGs="));
        assertUnauthorized(() -> h.adapter().verify(post(h, URL + "&bodySHA256=" + BODY_HASH,
                BODY.replace("value", "other"), "application/json", "a9nBmqA0ju/hNViExpshrM61xv4=")));
    }

    @Test
    void adapterShouldRejectJsonBodyWithoutBodyHash() {
        AdapterHarness h = harness();
        // twilio-java: validate(url, body, signature) without bodySHA256 is invalid, even with the URL's signature.
        assertUnauthorized(() -> h.adapter().verify(post(h, URL, BODY, "application/json",
                "zYQTYrRWXE7LtzbG4PfP7/bkkGo=")));
        assertUnauthorized(() -> h.adapter().verify(post(h, URL, BODY, "application/json",
                "RSOYDt4T1cUTdK1PDd93/VVr8B8=")));
    }

    @Test
    void adapterShouldRejectNegativeVectors() {
        AdapterHarness h = harness();
        String body = form(PARAMS);
        for (String bad : new String[] {"NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=", "IncorrectSignatureValue123=", ""}) {
            assertUnauthorized(() -> h.adapter().verify(post(h, URL, body, "application/x-www-form-urlencoded", bad)));
        }
        assertUnauthorized(() -> h.adapter().verify(post(h, URL, body, "application/x-www-form-urlencoded", null)));
    }

    static void assertUnauthorized(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RequestRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(401));
    }
}
