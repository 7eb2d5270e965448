package io.switchboard.gateway.channel.vonage;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.gateway.testing.JsonMutations;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.http.HttpMethod;
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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives on a {@code vonage-messages} channel, the adapter rejects it with a 400/401 or returns a
 * valid intake: never another exception (a 500), never a contact from an unsigned request, never a contact
 * that cannot be stored.
 */
class VonageMessagesAdapterPropertiesTest {

    private static final AdapterHarness H = VonageMessagesAdapterTest.harness();
    private static final JsonMutations JSON = new JsonMutations(List.of("message_uuid", "to", "from", "timestamp",
            "channel", "message_type", "text", "image", "audio", "video", "file", "vcard", "sticker", "url", "caption",
            "name", "location", "lat", "long", "address", "reply", "id", "title", "button", "payload", "reaction",
            "emoji", "action", "profile", "context", "context_status", "client_ref", "sms", "keyword", "num_messages",
            "usage", "status", "error", "whatsapp", "conversation", "origin", "type", "destination", "network_code",
            "message", "content", "number"), List.of("sms", "mms", "whatsapp", "messenger", "viber_service", "rcs",
            "text", "image", "file", "vcard", "location", "reply", "delivered", "read", "rejected", "submitted",
            "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab", "447700900000", "5512345678901234", "2025-02-03T12:14:25Z",
            "2025-02-03 12:14:25", "1738585000"));
    private static final List<String> FIXTURES = List.of("messages-sms", "messages-whatsapp-image",
            "messages-whatsapp-location", "messages-messenger", "messages-viber", "messages-rcs", "messages-mms",
            "messages-legacy-v01", "messages-status-delivered", "messages-status-rejected");

    @Property
    void unsignedBytesAreAlwaysRejected(@ForAll @Size(max = 300) byte[] body, @ForAll("authorizations") String auth) {
        InboundRequest req = VonageMessagesAdapterTest.post(H, body, auth);
        try {
            H.verifyAndParse(req);
            throw new AssertionError("an unsigned request was accepted");
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isEqualTo(401);
        }
    }

    @Property
    void signedBytesAreRejectedOrParsed(@ForAll @Size(max = 300) byte[] body) {
        assertWellBehaved(VonageMessagesAdapterTest.signed(H, body));
    }

    @Property
    void signedShapedJsonIsRejectedOrParsed(@ForAll("payloads") JsonObject payload) {
        assertWellBehaved(VonageMessagesAdapterTest.signed(H, payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    @Property
    void signedMutatedFixturesAreRejectedOrParsed(@ForAll("fixtures") String fixture,
                                                  @ForAll @Size(min = 1, max = 3) List<Integer> at,
                                                  @ForAll("values") Object replacement) {
        JsonObject payload = new JsonObject(Golden.text("vonage/" + fixture + ".json"));
        for (int index : at) {
            JsonMutations.mutate(payload, index, replacement);
        }
        assertWellBehaved(VonageMessagesAdapterTest.signed(H, payload.encode().getBytes(StandardCharsets.UTF_8)));
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
        Statistics.collect(intake.contacts().isEmpty() ? "no contact" : "contacts");
        assertThat(intake.contacts()).hasSize(1);
        for (Contact c : intake.contacts()) {
            assertThat(ContactJson.fromJson(ContactJson.toJson(c))).isEqualTo(c);
            assertThat(c.provider().provider()).isEqualTo("vonage");
            assertThat(c.provider().eventId()).isNotBlank();
        }
        assertThat(H.replyAllNew(req, intake).status()).isEqualTo(200);
    }

    @Provide
    Arbitrary<String> authorizations() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
                        .ofMaxLength(200).map(s -> "Bearer " + s),
                Arbitraries.just("Bearer " + VonageJwtTest.VECTOR_TOKEN));
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<Object> values() {
        return JSON.value(2);
    }

    /** Payloads shaped like Vonage's: usually a message_uuid, a channel, from/to, content or a status. */
    @Provide
    Arbitrary<JsonObject> payloads() {
        Arbitrary<JsonObject> shaped = Combinators.combine(JSON.object(2), JSON.scalar(), JSON.scalar(),
                        Arbitraries.of("sms", "whatsapp", "messenger", "viber_service", "rcs", "mms", "x"),
                        Arbitraries.integers().between(0, 3))
                .as((o, id, from, channel, shape) -> {
                    JsonObject p = o.copy().put("message_uuid", id).put("channel", channel).put("from", from);
                    if (shape == 1) {
                        p.put("status", "delivered");
                    } else if (shape == 2) {
                        p.put("message_uuid", "u-" + id);
                    }
                    return p;
                });
        return Arbitraries.frequencyOf(Tuple.of(4, shaped), Tuple.of(1, JSON.object(3)));
    }
}
