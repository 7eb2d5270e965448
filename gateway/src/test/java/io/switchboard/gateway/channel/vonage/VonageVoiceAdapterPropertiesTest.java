package io.switchboard.gateway.channel.vonage;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.gateway.testing.JsonMutations;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.switchboard.spi.contact.ContactKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives on a {@code vonage-voice} channel (GET or POST), the adapter rejects it with a 400/401 or
 * returns a valid intake and a 200 answer (an NCCO array for calls): never another exception, never a contact
 * from an unsigned request.
 */
class VonageVoiceAdapterPropertiesTest {

    private static final AdapterHarness H = VonageVoiceAdapterTest.harness();
    private static final long IAT = VonageVoiceAdapterTest.NOW.getEpochSecond();
    private static final JsonMutations JSON = new JsonMutations(List.of("to", "from", "from_user", "uuid",
            "call_uuid", "conversation_uuid", "endpoint_type", "region_url", "custom_data", "status", "direction",
            "timestamp", "detail", "sip_code", "start_time", "end_time", "duration", "rate", "price", "network",
            "disconnected_by", "sub_state", "recording_url", "recording_uuid", "size", "reason", "dtmf", "digits",
            "timed_out", "speech", "results", "text", "confidence", "type", "SipHeader_User-to-User"),
            List.of("started", "ringing", "answered", "completed", "busy", "failed", "machine", "inbound", "outbound",
                    "phone", "app", "transfer", "447700900000", "63f61863-4a51-4f6b-86e1-46edebcf9356",
                    "CON-f972836a-550f-45fa-956c-12a2ab5b7d22", "https://api.nexmo.com/v1/files/x"));
    private static final List<String> FIXTURES = List.of("voice-answer-post", "voice-event-started",
            "voice-event-completed", "voice-event-outbound-busy", "voice-recording", "voice-input");

    @Property
    void unsignedRequestsAreAlwaysRejected(@ForAll @Size(max = 300) byte[] body, @ForAll("queries") String query,
                                           @ForAll boolean get) {
        InboundRequest req = get ? VonageVoiceAdapterTest.get(H, query, "Bearer " + VonageJwtTest.VECTOR_TOKEN)
                : VonageVoiceAdapterTest.post(H, body, "Bearer " + VonageJwtTest.VECTOR_TOKEN);
        try {
            H.verifyAndParse(req);
            throw new AssertionError("an unsigned request was accepted");
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isEqualTo(401);
        }
    }

    @Property
    void signedBytesAreRejectedOrParsed(@ForAll @Size(max = 300) byte[] body) {
        assertWellBehaved(VonageVoiceAdapterTest.signedPost(H, body));
    }

    @Property
    void signedArbitraryQueriesAreRejectedOrParsed(@ForAll("queries") String query) {
        InboundRequest unsigned = VonageVoiceAdapterTest.get(H, query, null);
        String json;
        try {
            json = VonageSignatures.queryAsJson(unsigned.queryParams());
        } catch (RequestRejectedException e) {
            json = ""; // not a valid query string: the adapter must answer 400 once the token checks out
        }
        assertWellBehaved(VonageVoiceAdapterTest.get(H, query,
                VonageTestTokens.bearer(IAT, json.getBytes(StandardCharsets.UTF_8))));
    }

    @Property
    void signedShapedJsonIsRejectedOrParsed(@ForAll("payloads") JsonObject payload) {
        assertWellBehaved(VonageVoiceAdapterTest.signedPost(H, payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    @Property
    void signedMutatedFixturesAreRejectedOrParsed(@ForAll("fixtures") String fixture,
                                                  @ForAll @Size(min = 1, max = 3) List<Integer> at,
                                                  @ForAll("values") Object replacement) {
        JsonObject payload = new JsonObject(Golden.text("vonage/" + fixture + ".json"));
        for (int index : at) {
            JsonMutations.mutate(payload, index, replacement);
        }
        assertWellBehaved(VonageVoiceAdapterTest.signedPost(H, payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertWellBehaved(InboundRequest req) {
        Intake intake;
        try {
            intake = H.verifyAndParse(req);
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isEqualTo(400);
            Statistics.collect("rejected " + e.status());
            return;
        }
        Statistics.collect(intake.contacts().isEmpty() ? "ignored" : intake.contacts().get(0).kind().name());
        assertThat(intake.contacts().size() + intake.ignored().size()).isEqualTo(1);
        for (Contact c : intake.contacts()) {
            assertThat(ContactJson.fromJson(ContactJson.toJson(c))).isEqualTo(c);
            assertThat(c.provider().provider()).isEqualTo("vonage");
            assertThat(c.provider().eventId()).isNotBlank();
        }
        for (Intake.Ignored i : intake.ignored()) {
            assertThat(i.eventType()).matches("^[a-z]+$");
        }
        HttpReply reply = H.replyAllNew(req, intake);
        assertThat(reply.status()).isEqualTo(200);
        if (!intake.contacts().isEmpty() && intake.contacts().get(0).kind() == ContactKind.CALL) {
            assertThat(new JsonArray(reply.body())).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> pair = Combinators.combine(Arbitraries.oneOf(Arbitraries.of("to", "from", "uuid",
                                "conversation_uuid", "status", "recording_uuid", "from_user", "endpoint_type", "dtmf"),
                        Arbitraries.strings().ofMaxLength(8)),
                Arbitraries.oneOf(Arbitraries.of("447700900000", "completed", "u-1", "", "%", "%zz", "a+b", "%F0%9F%98"),
                        Arbitraries.strings().ofMaxLength(10)))
                .as((k, v) -> URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + (v.startsWith("%") || v.contains("+")
                        ? v : URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return pair.list().ofMaxSize(8).map(l -> String.join("&", l));
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<Object> values() {
        return JSON.value(2);
    }

    @Provide
    Arbitrary<JsonObject> payloads() {
        Arbitrary<JsonObject> shaped = Combinators.combine(JSON.object(2), JSON.scalar(), JSON.scalar(),
                        Arbitraries.integers().between(0, 3))
                .as((o, id, from, shape) -> {
                    JsonObject p = o.copy().put("uuid", id).put("from", from);
                    switch (shape) {
                        case 1 -> p.put("status", "completed");
                        case 2 -> p.put("recording_uuid", id);
                        case 3 -> p.remove("status");
                        default -> {
                        }
                    }
                    return p;
                });
        return Arbitraries.frequencyOf(Tuple.of(4, shaped), Tuple.of(1, JSON.object(3)));
    }
}
