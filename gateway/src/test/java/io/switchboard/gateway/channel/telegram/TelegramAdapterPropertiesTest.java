package io.switchboard.gateway.channel.telegram;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.gateway.testing.JsonMutations;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secret token does not cover the body: whatever body comes with the right token, the adapter rejects it
 * with a 400 or returns a valid intake, never another exception; and without the token it never gets past
 * verification.
 */
class TelegramAdapterPropertiesTest {

    private static final AdapterHarness H = TelegramAdapterTest.harness();
    private static final JsonMutations JSON = new JsonMutations(List.of("update_id", "message", "edited_message",
            "business_message", "channel_post", "callback_query", "message_id", "from", "chat", "id", "type",
            "is_bot", "first_name", "last_name", "username", "language_code", "date", "edit_date", "text", "caption",
            "photo", "file_id", "file_unique_id", "file_size", "width", "height", "document", "file_name",
            "mime_type", "voice", "audio", "video", "sticker", "emoji", "location", "latitude", "longitude", "venue",
            "title", "address", "contact", "phone_number", "user_id", "reply_to_message", "media_group_id"),
            List.of("private", "group", "supergroup", "channel", "987654321", "7123456789", "janedoe",
                    "AgACAgQAAxkBAAIB", "application/pdf", "447700900321", "1718000000"));
    private static final List<String> FIXTURES = List.of("text", "photo-caption", "document-reply", "voice",
            "edited", "shared-contact", "group-message", "callback-query");

    @Property
    void requestsWithoutTheSecretAreAlwaysRejected(@ForAll @Size(max = 300) byte[] body,
                                                   @ForAll("secrets") String secret) {
        InboundRequest req = TelegramAdapterTest.post(H, body, secret);
        try {
            H.verifyAndParse(req);
            throw new AssertionError("a request without the secret was accepted");
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isEqualTo(401);
        }
    }

    @Property
    void arbitraryBytesWithTheSecretAreRejectedOrParsed(@ForAll @Size(max = 300) byte[] body) {
        assertWellBehaved(TelegramAdapterTest.signed(H, body));
    }

    @Property
    void shapedJsonWithTheSecretIsRejectedOrParsed(@ForAll("updates") JsonObject update) {
        assertWellBehaved(TelegramAdapterTest.signed(H, update.encode().getBytes(StandardCharsets.UTF_8)));
    }

    @Property
    void mutatedFixturesWithTheSecretAreRejectedOrParsed(@ForAll("fixtures") String fixture,
                                                         @ForAll @Size(min = 1, max = 3) List<Integer> at,
                                                         @ForAll("values") Object replacement) {
        JsonObject update = new JsonObject(Golden.text("telegram/" + fixture + ".json"));
        for (int index : at) {
            JsonMutations.mutate(update, index, replacement);
        }
        assertWellBehaved(TelegramAdapterTest.signed(H, update.encode().getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertWellBehaved(InboundRequest req) {
        Intake intake;
        try {
            intake = H.verifyAndParse(req);
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isEqualTo(400);
            Statistics.collect("rejected");
            return;
        }
        Statistics.collect(intake.contacts().isEmpty() ? "ignored" : "contact");
        assertThat(intake.contacts().size() + intake.ignored().size()).isEqualTo(1);
        JsonObject update = req.jsonObject();
        for (Contact c : intake.contacts()) {
            assertThat(ContactJson.fromJson(ContactJson.toJson(c))).isEqualTo(c);
            assertThat(c.provider().eventId()).startsWith(TelegramAdapterTest.BOT_ID + ":");
            assertThat(c.isPublic()).isFalse();
            assertThat(JsonPointer.from(c.raw().pointer()).queryJson(update)).isInstanceOf(JsonObject.class);
        }
        for (Intake.Ignored i : intake.ignored()) {
            assertThat(i.eventType()).matches("^[a-z_]+$");
        }
        assertThat(H.replyAllNew(req, intake).status()).isEqualTo(200);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
                Arbitraries.of(TelegramAdapterTest.SECRET.substring(1), TelegramAdapterTest.SECRET + " ", ""));
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
    Arbitrary<JsonObject> updates() {
        Arbitrary<JsonObject> message = Combinators.combine(JSON.object(2), JSON.scalar(),
                        Arbitraries.of("private", "group", "channel"), Arbitraries.integers().between(0, 2))
                .as((o, id, type, shape) -> {
                    JsonObject m = o.copy();
                    if (shape > 0) {
                        m.put("message_id", 7).put("chat", new JsonObject().put("id", id).put("type", type));
                    }
                    if (shape > 1) {
                        m.put("from", new JsonObject().put("id", id));
                    }
                    return m;
                });
        Arbitrary<JsonObject> shaped = Combinators.combine(Arbitraries.longs().between(-2, 10_000_000_000L),
                        Arbitraries.of("message", "edited_message", "business_message", "callback_query", "poll"),
                        message)
                .as((id, kind, m) -> new JsonObject().put("update_id", id).put(kind, m));
        return Arbitraries.frequencyOf(Tuple.of(4, shaped), Tuple.of(1, JSON.object(3)));
    }
}
