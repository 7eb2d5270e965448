package io.switchboard.gateway.channel.meta;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives, the adapter either rejects it with a {@link RequestRejectedException} or returns a valid
 * intake: never another exception (a 500), never a contact that cannot be stored or whose raw pointer does
 * not resolve.
 */
class MetaAdapterPropertiesTest {

    private static final String SECRET = "property-secret";
    private static final AdapterHarness H = AdapterHarness.of(new MetaAdapterFactory(), "acme-meta",
            new JsonObject().put("appSecret", "${env:S}").put("verifyToken", "${env:T}"),
            Map.of("S", SECRET, "T", "token"));

    private static final List<String> KEYS = List.of("object", "entry", "id", "time", "messaging", "standby",
            "changes", "field", "value", "sender", "recipient", "timestamp", "message", "mid", "text", "is_echo",
            "is_deleted", "attachments", "type", "payload", "url", "reply_to", "quick_reply", "delivery", "read",
            "mids", "watermark", "postback", "from", "name", "username", "item", "verb", "comment_id", "post_id",
            "parent_id", "created_time", "media", "metadata", "phone_number_id", "display_phone_number", "contacts",
            "wa_id", "profile", "messages", "statuses", "status", "recipient_id", "errors", "context", "image",
            "mime_type", "sha256", "caption", "interactive", "button_reply", "title", "location", "latitude",
            "longitude", "body", "conversation", "pricing", "origin");
    private static final List<String> WORDS = List.of("page", "instagram", "whatsapp_business_account", "feed",
            "comments", "live_comments", "messages", "comment", "add", "text", "image", "interactive", "button",
            "location", "reaction", "system", "delivered", "read", "failed", "109876543210987", "5512345678901234",
            "16505551234", "447700900123", "+44 7700 900123", "1700000000", "1700000000000", "true", "", " ",
            "\u0000", "1e400", "-1", "NaN", "\ud83d\ude15", "wamid.X", "m_abc");
    private static final List<String> FIXTURES = List.of("meta/messenger-text.json",
            "meta/messenger-attachments.json", "meta/messenger-echo.json", "meta/messenger-delivery.json",
            "meta/page-comment.json", "meta/page-own-comment.json", "meta/ig-dm.json", "meta/ig-comment.json",
            "meta/whatsapp-text.json", "meta/whatsapp-image.json", "meta/whatsapp-statuses.json",
            "meta/whatsapp-batch.json");

    @Property
    void unsignedBytesAreRejectedOrParsed(@ForAll @Size(max = 300) byte[] body, @ForAll("headers") String header) {
        InboundRequest req = H.request(HttpMethod.POST, MetaAdapterTest.URL).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", header).body(body).build();
        assertWellBehaved(req);
    }

    @Property
    void signedBytesAreRejectedOrParsed(@ForAll @Size(max = 300) byte[] body) {
        assertWellBehaved(signed(body));
    }

    @Property
    void signedArbitraryJsonIsRejectedOrParsed(@ForAll("payloads") JsonObject payload) {
        assertWellBehaved(signed(payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    @Property
    void signedMutatedFixturesAreRejectedOrParsed(@ForAll("fixtures") String fixture,
                                                  @ForAll @Size(min = 1, max = 3) List<Integer> at,
                                                  @ForAll("values") Object replacement) {
        JsonObject payload = new JsonObject(Golden.text(fixture));
        for (int index : at) {
            mutate(payload, index, replacement);
        }
        assertWellBehaved(signed(payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    private static InboundRequest signed(byte[] body) {
        return H.request(HttpMethod.POST, MetaAdapterTest.URL).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", MetaAdapterTest.sign(SECRET, body)).body(body).build();
    }

    private static void assertWellBehaved(InboundRequest req) {
        Intake intake;
        try {
            intake = H.verifyAndParse(req);
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isIn(400, 401);
            Statistics.collect("rejected " + e.status());
            return;
        }
        Statistics.collect(intake.contacts().isEmpty() ? "no contact" : "contacts");
        JsonObject payload = req.jsonObject();
        for (Contact c : intake.contacts()) {
            assertThat(ContactJson.fromJson(ContactJson.toJson(c))).isEqualTo(c);
            assertThat(c.provider().provider()).isEqualTo("meta");
            assertThat(c.provider().eventId()).isNotBlank();
            assertThat(c.raw().pointer()).startsWith("/entry/");
            assertThat(JsonPointer.from(c.raw().pointer()).queryJson(payload)).isInstanceOf(JsonObject.class);
        }
        for (Intake.Ignored i : intake.ignored()) {
            assertThat(i.eventType()).matches("^[a-z][a-z0-9_]{0,47}$");
        }
        assertThat(H.replyAllNew(req, intake).status()).isEqualTo(200);
    }

    /** Replaces the value at the index-th position of a depth-first walk with a copy of the replacement. */
    static void mutate(JsonObject root, int index, Object replacement) {
        List<Object[]> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Object[] slot = slots.get(Math.floorMod(index, slots.size()));
        Object value = replacement instanceof JsonObject o ? o.copy()
                : replacement instanceof JsonArray a ? a.copy() : replacement;
        if (slot[0] instanceof JsonObject o) {
            o.put((String) slot[1], value);
        } else {
            ((JsonArray) slot[0]).set((Integer) slot[1], value);
        }
    }

    private static void collect(Object node, List<Object[]> slots) {
        if (node instanceof JsonObject o) {
            for (String k : o.fieldNames()) {
                slots.add(new Object[] {o, k});
                collect(o.getValue(k), slots);
            }
        } else if (node instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Object[] {a, i});
                collect(a.getValue(i), slots);
            }
        }
    }

    @Provide
    Arbitrary<String> headers() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(64).map(s -> "sha256=" + s));
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<Object> values() {
        return value(2);
    }

    /**
     * Payloads shaped like Meta's: an {@code object}, entries with messaging events and changes whose fields
     * use Meta's names (arbitrary values and nesting, ids usually present); or a free-form object.
     */
    @Provide
    Arbitrary<JsonObject> payloads() {
        Arbitrary<JsonObject> event = Combinators.combine(object(2), scalar(), object(2), Arbitraries.integers().between(0, 3))
                .as((o, id, inner, shape) -> {
                    JsonObject e = o.copy();
                    if (shape > 0) {
                        e.put("sender", new JsonObject().put("id", id)).put("message", inner.copy().put("mid", id));
                    }
                    if (shape > 1) {
                        e.put("delivery", inner.copy().put("watermark", id));
                    }
                    return e;
                });
        Arbitrary<JsonObject> value = Combinators.combine(object(2), event.list().ofMaxSize(3), scalar(),
                        Arbitraries.integers().between(0, 2))
                .as((o, items, id, shape) -> {
                    JsonObject v = o.copy().put("comment_id", id).put("id", id).put("item", "comment").put("verb", "add");
                    if (shape > 0) {
                        JsonArray list = new JsonArray();
                        items.forEach(i -> list.add(i.copy().put("id", id).put("status", "read")));
                        v.put(shape == 1 ? "messages" : "statuses", list);
                    }
                    return v;
                });
        Arbitrary<JsonObject> change = Combinators.combine(Arbitraries.of("feed", "comments", "live_comments",
                        "messages", "mention"), value)
                .as((field, v) -> new JsonObject().put("field", field).put("value", v));
        Arbitrary<JsonObject> entry = Combinators.combine(object(1), scalar(), event.list().ofMaxSize(3),
                        change.list().ofMaxSize(3))
                .as((o, id, events, changes) -> o.copy().put("id", id)
                        .put("messaging", new JsonArray(new ArrayList<>(events)))
                        .put("changes", new JsonArray(new ArrayList<>(changes))));
        Arbitrary<JsonObject> shaped = Combinators.combine(
                        Arbitraries.of("page", "instagram", "whatsapp_business_account", "user", "Page!"),
                        entry.list().ofMaxSize(3))
                .as((object, entries) -> new JsonObject().put("object", object)
                        .put("entry", new JsonArray(new ArrayList<>(entries))));
        return Arbitraries.frequencyOf(Tuple.of(4, shaped), Tuple.of(1, object(3)));
    }

    private static Arbitrary<Object> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(WORDS).map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.longs().map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.doubles().map(d -> (Object) d)),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
                Tuple.of(1, Arbitraries.just(null)));
    }

    private static Arbitrary<JsonObject> object(int depth) {
        return Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.lazy(() -> value(depth - 1))).ofMaxSize(6)
                .map(m -> new JsonObject(new LinkedHashMap<>(m)));
    }

    private static Arbitrary<Object> value(int depth) {
        if (depth <= 0) {
            return scalar();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalar()),
                Tuple.of(3, object(depth).map(o -> (Object) o)),
                Tuple.of(2, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                        .map(l -> (Object) new JsonArray(new ArrayList<>(l)))));
    }
}
