package io.switchboard.gateway.channel.twilio;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwilioMessagingAdapterTest {

    static final String TOKEN = "f3a9c1d27b8e4f60a5d2c7b1e9f04a38";
    static final String URL = "https://hooks.example.com/webhooks/acme-sms";
    static final String FORM = "application/x-www-form-urlencoded";

    static AdapterHarness harness(JsonObject extra) {
        JsonObject config = new JsonObject().put("authToken", "${env:TWILIO_AUTH_TOKEN}").mergeIn(extra);
        return AdapterHarness.of(new TwilioMessagingAdapterFactory(), "acme-sms", config,
                Map.of("TWILIO_AUTH_TOKEN", TOKEN));
    }

    static AdapterHarness harness() {
        return harness(new JsonObject());
    }

    static InboundRequest post(AdapterHarness h, String url, String contentType, byte[] body, String signature) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.POST, url).header("Content-Type", contentType).body(body);
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        return b.build();
    }

    static InboundRequest signedForm(AdapterHarness h, String url, String form) {
        return post(h, url, FORM, form.getBytes(StandardCharsets.UTF_8), TwilioTestSigner.sign(TOKEN, url, form));
    }

    private static Intake fixture(String resource) {
        AdapterHarness h = harness();
        return h.verifyAndParse(signedForm(h, URL, Golden.text(resource)));
    }

    // --- signatures ---

    @Test
    void shouldAcceptSignedFixture() {
        AdapterHarness h = harness();
        h.adapter().verify(signedForm(h, URL, Golden.text("twilio/sms.form")));
    }

    @Test
    void shouldRejectTamperedBody() {
        AdapterHarness h = harness();
        String form = Golden.text("twilio/sms.form");
        String signature = TwilioTestSigner.sign(TOKEN, URL, form);
        byte[] tampered = form.replace("parcel+7781", "parcel+7782").getBytes(StandardCharsets.UTF_8);
        assertThat(new String(tampered, StandardCharsets.UTF_8)).isNotEqualTo(form);
        assertRejected(() -> h.adapter().verify(post(h, URL, FORM, tampered, signature)), 401);
    }

    @Test
    void shouldRejectAddedParameter() {
        AdapterHarness h = harness();
        String form = Golden.text("twilio/sms.form");
        String signature = TwilioTestSigner.sign(TOKEN, URL, form);
        byte[] more = (form + "&Extra=1").getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(post(h, URL, FORM, more, signature)), 401);
    }

    @Test
    void shouldRejectSignatureForAnotherUrl() {
        AdapterHarness h = harness();
        String form = Golden.text("twilio/sms.form");
        String signature = TwilioTestSigner.sign(TOKEN, "https://hooks.example.com/webhooks/other", form);
        assertRejected(() -> h.adapter().verify(post(h, URL, FORM, form.getBytes(StandardCharsets.UTF_8), signature)),
                401);
    }

    @Test
    void shouldRejectSignatureMadeWithWrongAuthToken() {
        AdapterHarness h = harness();
        String form = Golden.text("twilio/sms.form");
        String signature = TwilioTestSigner.sign("0000000000000000000000000000000a", URL, form);
        assertRejected(() -> h.adapter().verify(post(h, URL, FORM, form.getBytes(StandardCharsets.UTF_8), signature)),
                401);
    }

    @Test
    void shouldRejectMissingSignatureHeader() {
        AdapterHarness h = harness();
        assertRejected(() -> h.adapter().verify(post(h, URL, FORM, Golden.bytes("twilio/sms.form"), null)), 401);
    }

    @Test
    void shouldAcceptSignatureOverUrlWithDefaultPortAddedOrExplicitPortRemoved() {
        AdapterHarness h = harness();
        String form = Golden.text("twilio/sms.form");
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        h.adapter().verify(post(h, URL, FORM, body,
                TwilioTestSigner.sign(TOKEN, "https://hooks.example.com:443/webhooks/acme-sms", form)));
        h.adapter().verify(post(h, "https://hooks.example.com:8443/webhooks/acme-sms", FORM, body,
                TwilioTestSigner.sign(TOKEN, URL, form)));
        assertRejected(() -> h.adapter().verify(post(h, URL, FORM, body,
                TwilioTestSigner.sign(TOKEN, "https://hooks.example.com:8443/webhooks/acme-sms", form))), 401);
    }

    @Test
    void shouldRejectBodyTheSignatureCannotCover() {
        AdapterHarness h = harness();
        byte[] body = "{\"MessageSid\":\"SM1\"}".getBytes(StandardCharsets.UTF_8);
        // A signature over the URL alone must not authenticate a body it does not cover.
        String urlOnly = TwilioTestSigner.sign(TOKEN, URL, "");
        assertRejected(() -> h.adapter().verify(post(h, URL, "application/json", body, urlOnly)), 401);
        assertRejected(() -> h.adapter().verify(post(h, URL, "text/plain", body, urlOnly)), 401);
    }

    @Test
    void shouldAcceptSignedGetWithParamsInQuery() {
        AdapterHarness h = harness();
        String url = URL + "?" + Golden.text("twilio/sms.form");
        InboundRequest req = h.request(HttpMethod.GET, url).header("X-Twilio-Signature",
                TwilioTestSigner.sign(TOKEN, url, "")).build();
        Intake intake = h.verifyAndParse(req);
        assertThat(intake.contacts()).hasSize(1);
        assertThat(intake.contacts().get(0).provider().eventId()).isEqualTo("SM5d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a");
    }

    @Test
    void shouldAcknowledgeSignedJsonBodyWithoutStoringIt() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("twilio/event-streams.json");
        String url = URL + "?bodySHA256=" + TwilioTestSigner.sha256Hex(body);
        Intake intake = h.verifyAndParse(post(h, url, "application/json", body, TwilioTestSigner.sign(TOKEN, url, "")));
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("json_callback", "unsupported"));
    }

    @Test
    void shouldRejectJsonBodyWhoseHashDiffers() {
        AdapterHarness h = harness();
        byte[] body = Golden.bytes("twilio/event-streams.json");
        String url = URL + "?bodySHA256=" + TwilioTestSigner.sha256Hex(body);
        byte[] other = new String(body, StandardCharsets.UTF_8).replace("DELIVERED", "FAILED")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(post(h, url, "application/json", other,
                TwilioTestSigner.sign(TOKEN, url, ""))), 401);
    }

    // --- normalisation ---

    @Test
    void shouldNormaliseInboundSms() {
        Intake intake = fixture("twilio/sms.form");
        assertThat(intake.ignored()).isEmpty();
        assertThat(intake.contacts()).hasSize(1);
        Golden.assertMatches(intake.contacts().get(0), "twilio/sms.golden.json");
    }

    @Test
    void shouldKeepUnallocatedTestRangeNumberAsPossibleButNotValid() {
        Contact c = fixture("twilio/sms.form").contacts().get(0);
        assertThat(c.sender().phone().e164()).isEqualTo("+447700900123");
        assertThat(c.sender().phone().raw()).isEqualTo("+447700900123");
    }

    @Test
    void shouldNormaliseMmsWithTwoMediaAsAttachmentReferences() {
        Intake intake = fixture("twilio/mms.form");
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.content().attachments()).extracting(a -> a.contentType()).containsExactly("image/jpeg", "image/png");
        Golden.assertMatches(c, "twilio/mms.golden.json");
    }

    @Test
    void shouldNormaliseWhatsAppTextWithPrefixStrippedAndProfileName() {
        Intake intake = fixture("twilio/whatsapp.form");
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.sender().phone().e164()).isEqualTo("+447700900456");
        assertThat(c.sender().displayName()).isEqualTo("Priya Raman");
        assertThat(c.recipient().address()).isEqualTo("+14155238886");
        Golden.assertMatches(c, "twilio/whatsapp.golden.json");
    }

    @Test
    void shouldStoreOutboundMessageStatusAsStatusEventPerStatus() {
        Intake intake = fixture("twilio/sms-status.form");
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.kind()).isEqualTo(ContactKind.STATUS);
        assertThat(c.provider().eventId()).isEqualTo("SMb1c2d3e4f5a60718293a4b5c6d7e8f90:delivered");
        Golden.assertMatches(c, "twilio/sms-status.golden.json");
    }

    @Test
    void shouldAcknowledgeCallbackWithoutMessageSidAsUnsupported() {
        AdapterHarness h = harness();
        String form = "EventType=onConversationAdded&ConversationSid=CH00000000000000000000000000000000&Source=API";
        Intake intake = h.verifyAndParse(signedForm(h, URL, form));
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("unknown", "unsupported"));
        assertThat(h.replyAllNew(signedForm(h, URL, form), intake).status()).isEqualTo(200);
    }

    @Test
    void shouldIgnoreMessageWhoseSidIsNotASid() {
        AdapterHarness h = harness();
        Intake intake = h.verifyAndParse(signedForm(h, URL, "MessageSid=%3Cscript%3E&From=%2B447700900123"));
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("message", "malformed"));
    }

    @Test
    void shouldReadNationalNumberInFromCountry() {
        AdapterHarness h = harness();
        Contact c = h.verifyAndParse(signedForm(h, URL, "MessageSid=SM11111111111111111111111111111111"
                + "&From=07700+900123&FromCountry=GB&To=%2B441632960001&Body=hi")).contacts().get(0);
        assertThat(c.sender().phone().e164()).isEqualTo("+447700900123");
        assertThat(c.sender().phone().raw()).isEqualTo("07700 900123");
    }

    @Test
    void shouldReadNationalNumberInDefaultRegionWhenTwilioGivesNoCountry() {
        AdapterHarness h = harness(new JsonObject().put("defaultRegion", "GB"));
        Contact c = h.verifyAndParse(signedForm(h, URL, "MessageSid=SM11111111111111111111111111111111"
                + "&From=07700900123&Body=hi")).contacts().get(0);
        assertThat(c.sender().phone().e164()).isEqualTo("+447700900123");
        AdapterHarness noRegion = harness();
        Contact unknown = noRegion.verifyAndParse(signedForm(noRegion, URL, "MessageSid=SM11111111111111111111111111111111"
                + "&From=07700900123&Body=hi")).contacts().get(0);
        assertThat(unknown.sender().phone().e164()).isNull();
        assertThat(unknown.sender().phone().raw()).isEqualTo("07700900123");
    }

    @Test
    void shouldKeepAlphanumericSenderIdAsHandle() {
        AdapterHarness h = harness();
        Contact c = h.verifyAndParse(signedForm(h, URL, "MessageSid=SM11111111111111111111111111111111"
                + "&From=ACMEBANK&To=%2B441632960001&Body=code")).contacts().get(0);
        assertThat(c.sender().phone()).isNull();
        assertThat(c.sender().handle()).isEqualTo("ACMEBANK");
    }

    @Test
    void shouldKeepSharedWhatsAppLocationAsLocationAttachment() {
        AdapterHarness h = harness();
        Contact c = h.verifyAndParse(signedForm(h, URL, "MessageSid=SM11111111111111111111111111111111"
                + "&From=whatsapp%3A%2B447700900456&To=whatsapp%3A%2B14155238886&Body=&NumMedia=0"
                + "&Latitude=51.5074&Longitude=-0.1278&Label=Our+store&Address=1+King+Street")).contacts().get(0);
        assertThat(c.content().text()).isNull();
        assertThat(c.content().attachments()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("location");
            assertThat(a.url()).isEqualTo("geo:51.5074,-0.1278");
            assertThat(a.caption()).isEqualTo("Our store, 1 King Street");
        });
        assertThat(c.attributes().getString("twilio", "platform")).isEqualTo("whatsapp");
    }

    @Test
    void shouldReplyEmptyTwimlResponseAsTextXml() {
        AdapterHarness h = harness();
        InboundRequest req = signedForm(h, URL, Golden.text("twilio/sms.form"));
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("Content-Type", "text/xml");
        assertThat(reply.body().toString()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    }

    // --- configuration ---

    @Test
    void shouldRequireAuthToken() {
        assertThatThrownBy(() -> AdapterHarness.of(new TwilioMessagingAdapterFactory(), "acme-sms", new JsonObject(),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("authToken");
    }

    @Test
    void shouldRefuseLiteralAuthToken() {
        assertThatThrownBy(() -> AdapterHarness.of(new TwilioMessagingAdapterFactory(), "acme-sms",
                new JsonObject().put("authToken", TOKEN), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("authToken")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void shouldRejectUnknownDefaultRegion() {
        assertThatThrownBy(() -> harness(new JsonObject().put("defaultRegion", "UK")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("defaultRegion");
    }

    @Test
    void shouldDocumentEveryConfigKey() {
        assertThat(new TwilioMessagingAdapterFactory().configSpec().keys())
                .allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
    }

    static void assertRejected(Runnable r, int status) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RequestRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}
