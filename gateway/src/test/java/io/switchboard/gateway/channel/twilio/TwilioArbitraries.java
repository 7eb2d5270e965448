package io.switchboard.gateway.channel.twilio;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.http.HttpMethod;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Generators and the common property of both Twilio adapters' property tests. */
final class TwilioArbitraries {

    /** Parameter names Twilio sends (PROTOCOLS.md 3.4), plus a few it might add. */
    static final List<String> NAMES = List.of("MessageSid", "SmsMessageSid", "SmsSid", "AccountSid", "From", "To",
            "Body", "NumMedia", "NumSegments", "MediaUrl0", "MediaContentType0", "MediaUrl1", "MediaContentType1",
            "MediaUrl9", "MessageStatus", "SmsStatus", "FromCountry", "ToCountry", "FromCity", "ProfileName", "WaId",
            "Latitude", "Longitude", "Label", "Address", "ButtonPayload", "MessageType", "OriginalRepliedMessageSid",
            "CallSid", "CallStatus", "Direction", "CallerName", "CallDuration", "SequenceNumber", "CallbackSource",
            "Timestamp", "RecordingSid", "RecordingUrl", "RecordingStatus", "RecordingStartTime", "RecordingDuration",
            "TranscriptionSid", "TranscriptionText", "TranscriptionStatus", "ConferenceSid", "DialCallStatus",
            "Digits", "SpeechResult", "QueueResult", "ErrorCode", "StirVerstat", "ParentCallSid", "bodySHA256",
            "NewParam", "callSid");

    static final List<String> WORDS = List.of("SM5d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a", "CA8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39",
            "RE4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a", "TR2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e", "AC3f8b1c2d4e5a6978b0c1d2e3f4a5b6c7",
            "+447700900123", "whatsapp:+447700900456", "07700 900123", "client:alice", "sip:a@b.example.com",
            "messenger:123", "ACMEBANK", "received", "delivered", "ringing", "in-progress", "completed", "no-answer",
            "absent", "outbound-api", "inbound", "GB", "US", "gb", "ZZ", "2", "0", "-1", "99999999999", "10",
            "image/jpeg", "text/vcard", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a",
            "https://api.twilio.com/x/Media/ME1f2e3d4c5b6a79880716253443526170", "Fri, 22 Nov 2024 14:38:13 +0000",
            "51.5", "-0.1278", "1e-999999999", "NaN", "", " ", "\u0000", "\uD83D\uDE15", "<Response/>", "&amp;");

    private TwilioArbitraries() {
    }

    static Arbitrary<String> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(WORDS)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withCharRange('0', '9').ofMaxLength(12)));
    }

    /** Form parameters shaped like Twilio's: its names (some repeated), arbitrary values. */
    static Arbitrary<List<Map.Entry<String, String>>> params() {
        Arbitrary<Map.Entry<String, String>> pair = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(NAMES)), Tuple.of(1, Arbitraries.strings().ofMaxLength(12))),
                value()).as(Map::entry);
        // Usually anchored with a well-formed sid, so that the shaped values reach the normalisers.
        Arbitrary<List<Map.Entry<String, String>>> anchor = Arbitraries.of(
                List.<Map.Entry<String, String>>of(),
                List.of(Map.entry("MessageSid", "SM5d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a")),
                List.of(Map.entry("CallSid", "CA8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39")),
                List.of(Map.entry("CallSid", "CA8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"), Map.entry("CallStatus", "ringing")));
        return Combinators.combine(anchor, pair.list().ofMaxSize(25)).as((a, rest) -> {
            List<Map.Entry<String, String>> all = new ArrayList<>(a);
            all.addAll(rest);
            return all;
        });
    }

    /** Mutations of a fixture: replace a value, drop a pair, or repeat one. */
    static List<Map.Entry<String, String>> mutate(String form, List<Integer> at, String replacement, int how) {
        List<Map.Entry<String, String>> pairs = decode(form);
        for (int index : at) {
            if (pairs.isEmpty()) {
                break;
            }
            int i = Math.floorMod(index, pairs.size());
            switch (Math.floorMod(how + index, 3)) {
                case 0 -> pairs.set(i, Map.entry(pairs.get(i).getKey(), replacement));
                case 1 -> pairs.remove(i);
                default -> pairs.add(Map.entry(pairs.get(i).getKey(), replacement));
            }
        }
        return pairs;
    }

    static List<Map.Entry<String, String>> decode(String form) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String p : form.split("&")) {
            int eq = p.indexOf('=');
            out.add(Map.entry(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8)));
        }
        return out;
    }

    static String encode(List<Map.Entry<String, String>> pairs) {
        return pairs.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Signs a body as Twilio would; bytes that are not a form get a signature over the URL only. */
    static String signLoosely(String url, byte[] body) {
        try {
            return TwilioTestSigner.sign(TwilioMessagingAdapterTest.TOKEN, url, new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return TwilioTestSigner.sign(TwilioMessagingAdapterTest.TOKEN, url, "");
        }
    }

    static InboundRequest post(AdapterHarness h, String url, String contentType, byte[] body, String signature) {
        return h.request(HttpMethod.POST, url).header("Content-Type", contentType).header("X-Twilio-Signature", signature)
                .body(body).build();
    }

    /**
     * The property: the adapter rejects with 400 or 401, or returns an intake of storable contacts; its answer to
     * an accepted request is well-formed TwiML, 200, {@code text/xml}. Never any other exception (a 500).
     *
     * @return the intake, or null when rejected
     */
    static Intake assertWellBehaved(AdapterHarness h, InboundRequest req) {
        Intake intake;
        try {
            intake = h.verifyAndParse(req);
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isIn(400, 401);
            Statistics.collect("rejected " + e.status());
            return null;
        }
        Statistics.collect(intake.contacts().isEmpty() ? "acknowledged" : "contact");
        assertThat(intake.contacts().size() + intake.ignored().size()).isEqualTo(1);
        for (Contact c : intake.contacts()) {
            assertThat(ContactJson.fromJson(ContactJson.toJson(c))).isEqualTo(c);
            assertThat(c.provider().provider()).isEqualTo("twilio");
            assertThat(c.provider().eventId()).isNotBlank().hasSizeLessThan(200).doesNotContainPattern("\\s");
        }
        for (Intake.Ignored i : intake.ignored()) {
            assertThat(i.eventType()).matches("^[a-z][a-z0-9_]{0,47}$");
        }
        HttpReply reply = h.replyAllNew(req, intake);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("Content-Type", "text/xml");
        TwilioVoiceAdapterTest.assertWellFormed(reply.body().toString(StandardCharsets.UTF_8));
        return intake;
    }
}
