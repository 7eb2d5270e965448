package io.switchboard.gateway.channel.twilio;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whatever arrives at a {@code twilio-voice} channel, the adapter rejects it (400/401) or acknowledges it with
 * storable contacts and well-formed TwiML: never a 500, and nothing unsigned is ever parsed into a contact.
 */
class TwilioVoiceAdapterPropertiesTest {

    private static final String URL = TwilioVoiceAdapterTest.URL;
    private static final AdapterHarness H = TwilioVoiceAdapterTest.harness(
            new JsonObject().put("say", new JsonObject().put("transcribe", true)));
    private static final List<String> FIXTURES = List.of("twilio/voice-call.form", "twilio/voice-status.form",
            "twilio/voice-recording.form",
            "twilio/voice-transcription.form", "twilio/voice-conference.form");

    @Property
    void unsignedBytesAreAlwaysRejected(@ForAll @Size(max = 400) byte[] body, @ForAll("headers") String header,
                                        @ForAll("contentTypes") String contentType) {
        InboundRequest req = TwilioArbitraries.post(H, URL, contentType, body, header);
        Throwable t = catchThrowable(() -> H.verifyAndParse(req));
        assertThat(t).isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isIn(400, 401));
    }

    @Property
    void signedBytesAreRejectedOrParsed(@ForAll @Size(max = 400) byte[] body, @ForAll("contentTypes") String contentType) {
        TwilioArbitraries.assertWellBehaved(H, TwilioArbitraries.post(H, URL, contentType, body,
                TwilioArbitraries.signLoosely(URL, body)));
    }

    @Property
    void signedTwilioShapedFormsAreRejectedOrParsed(@ForAll("params") List<Map.Entry<String, String>> params) {
        byte[] body = TwilioArbitraries.encode(params).getBytes(StandardCharsets.UTF_8);
        TwilioArbitraries.assertWellBehaved(H, TwilioArbitraries.post(H, URL, TwilioMessagingAdapterTest.FORM, body,
                TwilioArbitraries.signLoosely(URL, body)));
    }

    @Property
    void signedTwilioShapedGetsAreRejectedOrParsed(@ForAll("params") List<Map.Entry<String, String>> params) {
        String url = URL + "?" + TwilioArbitraries.encode(params);
        InboundRequest req = H.request(HttpMethod.GET, url)
                .header("X-Twilio-Signature", TwilioTestSigner.sign(TwilioMessagingAdapterTest.TOKEN, url, "")).build();
        TwilioArbitraries.assertWellBehaved(H, req);
    }

    @Property
    void signedMutatedFixturesAreRejectedOrParsed(@ForAll("fixtures") String fixture,
                                                  @ForAll @Size(min = 1, max = 4) List<Integer> at,
                                                  @ForAll("values") String replacement, @ForAll int how) {
        byte[] body = TwilioArbitraries.encode(TwilioArbitraries.mutate(Golden.text(fixture), at, replacement, how))
                .getBytes(StandardCharsets.UTF_8);
        TwilioArbitraries.assertWellBehaved(H, TwilioArbitraries.post(H, URL, TwilioMessagingAdapterTest.FORM, body,
                TwilioArbitraries.signLoosely(URL, body)));
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> params() {
        return TwilioArbitraries.params();
    }

    @Provide
    Arbitrary<String> values() {
        return TwilioArbitraries.value();
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
                "application/json", "text/plain", "multipart/form-data; boundary=x", "");
    }

    @Provide
    Arbitrary<String> headers() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                        .ofLength(27).map(s -> s + "="));
    }
}
