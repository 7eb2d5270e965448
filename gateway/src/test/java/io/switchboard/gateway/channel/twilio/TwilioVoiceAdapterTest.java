package io.switchboard.gateway.channel.twilio;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Priority;
import io.switchboard.spi.contact.PriorityBand;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.switchboard.gateway.channel.twilio.TwilioMessagingAdapterTest.FORM;
import static io.switchboard.gateway.channel.twilio.TwilioMessagingAdapterTest.TOKEN;
import static io.switchboard.gateway.channel.twilio.TwilioMessagingAdapterTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwilioVoiceAdapterTest {

    static final String URL = "https://hooks.example.com/webhooks/acme-voice";
    static final String XML_DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    static final String CALL_SID = "CA8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";

    static AdapterHarness harness(JsonObject extra) {
        JsonObject config = new JsonObject().put("authToken", "${env:TWILIO_AUTH_TOKEN}").mergeIn(extra);
        return AdapterHarness.of(new TwilioVoiceAdapterFactory(), "acme-voice", config,
                Map.of("TWILIO_AUTH_TOKEN", TOKEN));
    }

    static AdapterHarness harness() {
        return harness(new JsonObject());
    }

    static InboundRequest signed(AdapterHarness h, String form) {
        return TwilioMessagingAdapterTest.signedForm(h, URL, form);
    }

    private static Intake fixture(AdapterHarness h, String resource) {
        return h.verifyAndParse(signed(h, Golden.text(resource)));
    }

    private static String answer(AdapterHarness h, String resource) {
        InboundRequest req = signed(h, Golden.text(resource));
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("Content-Type", "text/xml");
        String body = reply.body().toString(StandardCharsets.UTF_8);
        assertWellFormed(body);
        return body;
    }

    static void assertWellFormed(String xml) {
        try {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("Response");
        } catch (Exception e) {
            throw new AssertionError("not well-formed TwiML: " + xml, e);
        }
    }

    // --- signatures (the scheme is shared with twilio-messaging; these check the voice channel uses it) ---

    @Test
    void shouldRejectTamperedCallWebhook() {
        AdapterHarness h = harness();
        String form = Golden.text("twilio/voice-call.form");
        String signature = TwilioTestSigner.sign(TOKEN, URL, form);
        byte[] tampered = form.replace("ALVAREZ+MARIA", "ALVAREZ+MARIO").getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(TwilioMessagingAdapterTest.post(h, URL, FORM, tampered, signature)), 401);
    }

    @Test
    void shouldRejectWrongAuthTokenAndMissingHeader() {
        AdapterHarness h = harness();
        String form = Golden.text("twilio/voice-call.form");
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.adapter().verify(TwilioMessagingAdapterTest.post(h, URL, FORM, body,
                TwilioTestSigner.sign("another-auth-token-0000000000000", URL, form))), 401);
        assertRejected(() -> h.adapter().verify(TwilioMessagingAdapterTest.post(h, URL, FORM, body, null)), 401);
    }

    // --- normalisation ---

    @Test
    void shouldNormaliseIncomingCallWithCallerIdCnamAndGeo() {
        Intake intake = fixture(harness(), "twilio/voice-call.form");
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.kind()).isEqualTo(ContactKind.CALL);
        assertThat(c.sender().phone().e164()).isEqualTo("+12025550143");
        assertThat(c.sender().displayName()).isEqualTo("ALVAREZ MARIA");
        Golden.assertMatches(c, "twilio/voice-call.golden.json");
    }

    @Test
    void shouldNormaliseCompletedStatusCallbackAsStatusEvent() {
        Intake intake = fixture(harness(), "twilio/voice-status.form");
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.kind()).isEqualTo(ContactKind.STATUS);
        assertThat(c.occurredAt()).hasToString("2024-11-22T14:38:13Z");
        Golden.assertMatches(c, "twilio/voice-status.golden.json");
    }

    @Test
    void shouldNormaliseRecordingAsVoicemail() {
        Intake intake = fixture(harness(), "twilio/voice-recording.form");
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.kind()).isEqualTo(ContactKind.VOICEMAIL);
        assertThat(c.content().text()).isNull();
        Golden.assertMatches(c, "twilio/voice-recording.golden.json");
    }

    @Test
    void shouldNormaliseTranscriptionAsVoicemailWithTranscript() {
        Intake intake = fixture(harness(), "twilio/voice-transcription.form");
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.kind()).isEqualTo(ContactKind.VOICEMAIL);
        assertThat(c.content().text()).startsWith("Hello, this is Maria");
        Golden.assertMatches(c, "twilio/voice-transcription.golden.json");
    }

    @Test
    void shouldAcknowledgeConferenceCallbackWithoutStoringIt() {
        AdapterHarness h = harness();
        Intake intake = fixture(h, "twilio/voice-conference.form");
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("conference", "unsupported"));
        assertThat(answer(h, "twilio/voice-conference.form")).isEqualTo(XML_DECL + "<Response/>");
    }

    @Test
    void shouldGiveEachDistinctCallbackOfOneCallItsOwnEventId() {
        AdapterHarness h = harness();
        String call = fixture(h, "twilio/voice-call.form").contacts().get(0).provider().eventId();
        String status = fixture(h, "twilio/voice-status.form").contacts().get(0).provider().eventId();
        String recording = fixture(h, "twilio/voice-recording.form").contacts().get(0).provider().eventId();
        String transcription = fixture(h, "twilio/voice-transcription.form").contacts().get(0).provider().eventId();
        assertThat(List.of(call, status, recording, transcription)).doesNotHaveDuplicates().allSatisfy(id ->
                assertThat(id).startsWith(CALL_SID + ":"));
        assertThat(call).isEqualTo(CALL_SID + ":call:ringing");
        assertThat(status).isEqualTo(CALL_SID + ":status:completed:0");
        assertThat(recording).isEqualTo(CALL_SID + ":recording:RE4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a");
        assertThat(transcription).isEqualTo(CALL_SID + ":transcription:TR2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e");
    }

    @Test
    void shouldMapRetryOfTheSameCallbackToTheSameEventId() {
        AdapterHarness h = harness();
        for (String f : new String[] {"twilio/voice-call.form", "twilio/voice-status.form",
                "twilio/voice-recording.form", "twilio/voice-transcription.form"}) {
            // A retry is a new request (new gateway id, new receive time) with the same parameters.
            Contact first = fixture(h, f).contacts().get(0);
            Contact retry = fixture(h, f).contacts().get(0);
            assertThat(retry.id()).isNotEqualTo(first.id());
            assertThat(retry.provider().eventId()).isEqualTo(first.provider().eventId());
        }
    }

    @Test
    void shouldGiveEachProgressEventOfStatusCallbacksItsOwnEventId() {
        AdapterHarness h = harness();
        String base = "AccountSid=AC3f8b1c2d4e5a6978b0c1d2e3f4a5b6c7&CallSid=" + CALL_SID
                + "&CallbackSource=call-progress-events&From=%2B12025550143&To=%2B14155550100";
        String ringing = h.verifyAndParse(signed(h, base + "&CallStatus=ringing&SequenceNumber=0")).contacts().get(0)
                .provider().eventId();
        String answered = h.verifyAndParse(signed(h, base + "&CallStatus=in-progress&SequenceNumber=1")).contacts()
                .get(0).provider().eventId();
        String completed = h.verifyAndParse(signed(h, base + "&CallStatus=completed&SequenceNumber=2&CallDuration=9"))
                .contacts().get(0).provider().eventId();
        assertThat(List.of(ringing, answered, completed)).doesNotHaveDuplicates();
        assertThat(ringing).isEqualTo(CALL_SID + ":status:ringing:0");
    }

    @Test
    void shouldMakeRecordActionAndRecordingStatusCallbackOneVoicemail() {
        AdapterHarness h = harness();
        String action = fixture(h, "twilio/voice-recording.form").contacts().get(0).provider().eventId();
        Contact status = h.verifyAndParse(signed(h, "AccountSid=AC3f8b1c2d4e5a6978b0c1d2e3f4a5b6c7&CallSid=" + CALL_SID
                + "&RecordingSid=RE4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a&RecordingStatus=completed&RecordingDuration=23"
                + "&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC3f8b1c2d4e5a6978b0c1d2e3f4a5b6c7"
                + "%2FRecordings%2FRE4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a&RecordingStartTime=Fri%2C+22+Nov+2024+14%3A37%3A40+%2B0000"))
                .contacts().get(0);
        assertThat(status.provider().eventId()).isEqualTo(action);
        assertThat(status.kind()).isEqualTo(ContactKind.VOICEMAIL);
        assertThat(status.occurredAt()).hasToString("2024-11-22T14:37:40Z");
    }

    @Test
    void shouldTakeRecordingSidFromRecordingUrlWhenAbsent() {
        AdapterHarness h = harness();
        Contact c = h.verifyAndParse(signed(h, "CallSid=" + CALL_SID + "&RecordingDuration=5&Digits=%23"
                + "&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2FAC3f8b1c2d4e5a6978b0c1d2e3f4a5b6c7"
                + "%2FRecordings%2FRE4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a.mp3")).contacts().get(0);
        assertThat(c.provider().eventId()).isEqualTo(CALL_SID + ":recording:RE4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a");
    }

    @Test
    void shouldStoreFailedRecordingAsStatus() {
        AdapterHarness h = harness();
        Contact c = h.verifyAndParse(signed(h, "CallSid=" + CALL_SID + "&RecordingSid=RE4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a"
                + "&RecordingStatus=absent")).contacts().get(0);
        assertThat(c.kind()).isEqualTo(ContactKind.STATUS);
        assertThat(c.provider().eventId()).endsWith(":absent");
    }

    @Test
    void shouldAcknowledgeGatherAndDialCallbacksAsUnsupported() {
        AdapterHarness h = harness();
        assertThat(h.verifyAndParse(signed(h, "CallSid=" + CALL_SID + "&CallStatus=in-progress&Digits=1")).ignored())
                .containsExactly(new Intake.Ignored("gather", "unsupported"));
        assertThat(h.verifyAndParse(signed(h, "CallSid=" + CALL_SID + "&CallStatus=in-progress&DialCallStatus=busy"))
                .ignored()).containsExactly(new Intake.Ignored("dial", "unsupported"));
        assertThat(h.verifyAndParse(signed(h, "From=%2B12025550143")).ignored())
                .containsExactly(new Intake.Ignored("unknown", "unsupported"));
        assertThat(h.verifyAndParse(signed(h, "CallSid=not-a-sid")).ignored())
                .containsExactly(new Intake.Ignored("call", "malformed"));
    }

    @Test
    void shouldTakeTheCustomerFromToOnOutboundCalls() {
        AdapterHarness h = harness();
        Contact c = h.verifyAndParse(signed(h, "CallSid=" + CALL_SID + "&CallStatus=in-progress&Direction=outbound-api"
                + "&From=%2B14155550100&To=%2B12025550143")).contacts().get(0);
        assertThat(c.sender().phone().e164()).isEqualTo("+12025550143");
        assertThat(c.recipient().address()).isEqualTo("+14155550100");
    }

    @Test
    void shouldKeepBrowserClientCallerAsHandle() {
        AdapterHarness h = harness();
        Contact c = h.verifyAndParse(signed(h, "CallSid=" + CALL_SID + "&CallStatus=ringing&From=client%3Aalice"
                + "&To=%2B14155550100")).contacts().get(0);
        assertThat(c.sender().phone()).isNull();
        assertThat(c.sender().handle()).isEqualTo("client:alice");
    }

    // --- answers ---

    @Test
    void shouldAnswerCallWithDefaultSayAndVoicemailRecording() {
        String twiml = answer(harness(), "twilio/voice-call.form");
        assertThat(twiml).isEqualTo(XML_DECL + "<Response><Say>Thank you for calling. Please leave a message after "
                + "the tone.</Say><Record action=\"" + URL + "\" method=\"POST\" maxLength=\"120\" playBeep=\"true\"/>"
                + "</Response>");
    }

    @Test
    void shouldAnswerWithConfiguredSayVoiceLanguageAndTranscription() {
        AdapterHarness h = harness(new JsonObject().put("answer", "say").put("say", new JsonObject()
                .put("text", "Thanks for calling Acme & Sons <support>.").put("voice", "Polly.Amy").put("language", "en-GB")
                .put("maxLength", "90s").put("transcribe", true)));
        String twiml = answer(h, "twilio/voice-call.form");
        assertThat(twiml).isEqualTo(XML_DECL + "<Response><Say voice=\"Polly.Amy\" language=\"en-GB\">Thanks for "
                + "calling Acme &amp; Sons &lt;support&gt;.</Say><Record action=\"" + URL + "\" method=\"POST\" "
                + "maxLength=\"90\" playBeep=\"true\" transcribe=\"true\" transcribeCallback=\"" + URL + "\"/></Response>");
    }

    @Test
    void shouldEscapeTheCallbackUrlInAttributes() {
        AdapterHarness h = harness();
        String url = URL + "?a=1&b=\"2\"";
        String form = Golden.text("twilio/voice-call.form");
        InboundRequest req = TwilioMessagingAdapterTest.signedForm(h, url, form);
        String twiml = h.replyAllNew(req, h.verifyAndParse(req)).body().toString(StandardCharsets.UTF_8);
        assertWellFormed(twiml);
        assertThat(twiml).contains("action=\"" + URL + "?a=1&amp;b=&quot;2&quot;\"");
    }

    @Test
    void shouldPointRecordingOfAGetWebhookAtTheUrlWithoutTheCallParameters() {
        AdapterHarness h = harness();
        String url = URL + "?" + Golden.text("twilio/voice-call.form");
        InboundRequest req = h.request(io.vertx.core.http.HttpMethod.GET, url)
                .header("X-Twilio-Signature", TwilioTestSigner.sign(TOKEN, url, "")).build();
        String twiml = h.replyAllNew(req, h.verifyAndParse(req)).body().toString(StandardCharsets.UTF_8);
        assertThat(twiml).contains("<Record action=\"" + URL + "\" method=\"POST\"");
    }

    @Test
    void shouldAnswerSayWithoutRecordingWhenRecordIsOff() {
        AdapterHarness h = harness(new JsonObject().put("say", new JsonObject().put("text", "We are closed.")
                .put("record", false)));
        assertThat(answer(h, "twilio/voice-call.form")).isEqualTo(XML_DECL + "<Response><Say>We are closed.</Say></Response>");
    }

    @Test
    void shouldAnswerWithEnqueue() {
        AdapterHarness h = harness(new JsonObject().put("answer", "enqueue").put("enqueue", new JsonObject()
                .put("queue", "support").put("waitUrl", "https://hold.example.com/music.xml")));
        assertThat(answer(h, "twilio/voice-call.form")).isEqualTo(XML_DECL
                + "<Response><Enqueue waitUrl=\"https://hold.example.com/music.xml\">support</Enqueue></Response>");
        assertThat(h.adapter().replyWaitsForChain(signed(h, Golden.text("twilio/voice-call.form")),
                fixture(h, "twilio/voice-call.form"))).isZero();
    }

    @Test
    void shouldAnswerWithRedirect() {
        AdapterHarness h = harness(new JsonObject().put("answer", "redirect").put("redirect", new JsonObject()
                .put("url", "https://ivr.example.com/twiml?menu=main&lang=en")));
        assertThat(answer(h, "twilio/voice-call.form")).isEqualTo(XML_DECL + "<Response><Redirect method=\"POST\">"
                + "https://ivr.example.com/twiml?menu=main&amp;lang=en</Redirect></Response>");
    }

    @Test
    void shouldAnswerWithDialToNumberOrSip() {
        AdapterHarness h = harness(new JsonObject().put("answer", "dial").put("dial", new JsonObject()
                .put("number", "+442071838750").put("callerId", "+14155550100").put("timeout", "20s")));
        assertThat(answer(h, "twilio/voice-call.form")).isEqualTo(XML_DECL + "<Response><Dial callerId=\"+14155550100\" "
                + "timeout=\"20\"><Number>+442071838750</Number></Dial></Response>");
        AdapterHarness sip = harness(new JsonObject().put("answer", "dial").put("dial", new JsonObject()
                .put("number", "sip:support@pbx.example.com")));
        assertThat(answer(sip, "twilio/voice-call.form")).isEqualTo(XML_DECL + "<Response><Dial timeout=\"30\">"
                + "<Sip>sip:support@pbx.example.com</Sip></Dial></Response>");
    }

    @Test
    void shouldAnswerCallbacksWithEmptyResponse() {
        AdapterHarness h = harness(new JsonObject().put("answer", "enqueue").put("enqueue", new JsonObject()
                .put("queue", "support")));
        for (String f : new String[] {"twilio/voice-status.form", "twilio/voice-recording.form",
                "twilio/voice-transcription.form"}) {
            assertThat(answer(h, f)).as(f).isEqualTo(XML_DECL + "<Response/>");
        }
    }

    @Test
    void shouldEnqueueByPriorityBandWhenTheChainSetsItInTime() throws Exception {
        AdapterHarness h = harness(new JsonObject().put("answer", "enqueue").put("enqueue", new JsonObject()
                .put("queue", "support").put("priorityWait", "1500ms")
                .put("queueByBand", new JsonObject().put("P1", "urgent").put("P2", "priority"))));
        InboundRequest req = signed(h, Golden.text("twilio/voice-call.form"));
        Intake intake = h.verifyAndParse(req);
        assertThat(h.adapter().replyWaitsForChain(req, intake)).isEqualTo(Duration.ofMillis(1500));
        Contact stored = intake.contacts().get(0);
        assertThat(reply(h, req, intake, stored)).contains("<Enqueue>support</Enqueue>");
        assertThat(reply(h, req, intake, stored.toBuilder().priority(new Priority(95, PriorityBand.P1, List.of())).build()))
                .contains("<Enqueue>urgent</Enqueue>");
        assertThat(reply(h, req, intake, stored.toBuilder().priority(new Priority(70, PriorityBand.P2, List.of())).build()))
                .contains("<Enqueue>priority</Enqueue>");
        assertThat(reply(h, req, intake, stored.toBuilder().priority(new Priority(20, PriorityBand.P4, List.of())).build()))
                .contains("<Enqueue>support</Enqueue>");
        Intake status = fixture(h, "twilio/voice-status.form");
        assertThat(h.adapter().replyWaitsForChain(req, status)).isZero();
    }

    private static String reply(AdapterHarness h, InboundRequest req, Intake intake, Contact seen) throws Exception {
        return h.adapter().reply(req, intake, List.of(new Accepted(seen, seen.id(), false))).toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS).body().toString(StandardCharsets.UTF_8);
    }

    // --- configuration ---

    @Test
    void shouldRequireQueueWhenAnswerIsEnqueue() {
        assertThatThrownBy(() -> harness(new JsonObject().put("answer", "enqueue")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("enqueue.queue");
    }

    @Test
    void shouldRequireNumberWhenAnswerIsDial() {
        assertThatThrownBy(() -> harness(new JsonObject().put("answer", "dial")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dial.number");
    }

    @Test
    void shouldRequireUrlWhenAnswerIsRedirect() {
        assertThatThrownBy(() -> harness(new JsonObject().put("answer", "redirect")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redirect.url");
    }

    @Test
    void shouldRejectUnknownAnswer() {
        assertThatThrownBy(() -> harness(new JsonObject().put("answer", "hangup")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("answer")
                .hasMessageContaining("say, enqueue, redirect, dial");
    }

    @Test
    void shouldRejectQueueByBandWithoutEnqueue() {
        assertThatThrownBy(() -> harness(new JsonObject().put("enqueue", new JsonObject()
                .put("queueByBand", new JsonObject().put("P1", "urgent")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("enqueue.queueByBand");
    }

    @Test
    void shouldRejectPriorityWaitOutsideTwiliosBudget() {
        assertThatThrownBy(() -> harness(new JsonObject().put("answer", "enqueue").put("enqueue", new JsonObject()
                .put("queue", "support").put("priorityWait", "14s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("enqueue.priorityWait");
    }

    @Test
    void shouldRejectDialTargetThatIsNotE164OrSip() {
        assertThatThrownBy(() -> harness(new JsonObject().put("answer", "dial").put("dial", new JsonObject()
                .put("number", "020 7183 8750"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dial.number");
    }

    @Test
    void shouldRejectSayTextWithControlCharacters() {
        assertThatThrownBy(() -> harness(new JsonObject().put("say", new JsonObject().put("text", "hello\u0007"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("say.text");
    }

    @Test
    void shouldRejectRedirectToNonHttpUrl() {
        assertThatThrownBy(() -> harness(new JsonObject().put("answer", "redirect").put("redirect", new JsonObject()
                .put("url", "ftp://ivr.example.com/twiml"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redirect.url");
    }

    @Test
    void shouldDocumentEveryConfigKey() {
        assertThat(new TwilioVoiceAdapterFactory().configSpec().toMarkdown().lines()
                .filter(l -> l.startsWith("| `")))
                .allSatisfy(row -> assertThat(row).doesNotEndWith("|  |"));
    }
}
