package io.switchboard.gateway.channel.x;

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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives, the adapter either rejects it with a {@link RequestRejectedException} or returns a valid
 * intake: never another exception (a 500), never a contact that cannot be stored.
 */
class XAdapterPropertiesTest {

    private static final String SECRET = "property-secret";
    private static final String BRAND = "1363121963309412354";
    private static final AdapterHarness H = AdapterHarness.of(new XAdapterFactory(), "acme-x",
            new JsonObject().put("consumerSecret", "${env:S}"), Map.of("S", SECRET));

    private static final List<String> KEYS = List.of("for_user_id", "tweet_create_events", "direct_message_events",
            "favorite_events", "follow_events", "user_event", "users", "apps", "user_has_blocked", "id", "id_str",
            "text", "full_text", "extended_tweet", "user", "screen_name", "name", "entities", "user_mentions",
            "extended_entities", "media", "media_url_https", "type", "retweeted_status", "in_reply_to_status_id_str",
            "timestamp_ms", "created_at", "created_timestamp", "message_create", "sender_id", "target",
            "recipient_id", "message_data", "attachment", "quick_reply_response", "metadata", "initiated_via",
            "lang", "conversation_id", "1133857316862910464", BRAND);
    private static final List<String> WORDS = List.of(BRAND, "1133857316862910464", "message_create", "media",
            "photo", "video", "en", "und", "1615755595418", "1615386067", "Wed Mar 10 14:21:07 +0000 2021", "true",
            "false", "", " ", "\u0000", "1e400", "-1", "NaN", "\ud83d\ude15");

    private static final List<String> TWEETS_OR_DMS = List.of("tweet_create_events", "direct_message_events",
            "favorite_events", "follow_events");

    private static final List<String> FIXTURES = List.of("x/dm.json", "x/dm-media.json", "x/dm-echo.json",
            "x/mention.json", "x/extended-tweet.json", "x/own-tweet.json", "x/favorite.json", "x/retweet.json");

    @Property
    void unsignedBytesAreRejectedOrParsed(@ForAll @Size(max = 300) byte[] body, @ForAll("headers") String header) {
        InboundRequest req = H.request(HttpMethod.POST, XAdapterTest.URL).header("Content-Type", "application/json")
                .header("x-twitter-webhooks-signature", header).body(body).build();
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
        return H.request(HttpMethod.POST, XAdapterTest.URL).header("Content-Type", "application/json")
                .header("x-twitter-webhooks-signature", XAdapterTest.sign(SECRET, body)).body(body).build();
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
            assertThat(c.provider().provider()).isEqualTo("x");
            assertThat(c.provider().eventId()).isNotBlank();
            assertThat(JsonPointer.from(c.raw().pointer()).queryJson(payload)).isInstanceOf(JsonObject.class);
        }
        for (Intake.Ignored i : intake.ignored()) {
            assertThat(i.eventType()).matches("^[a-z][a-z0-9_]{0,47}$");
        }
        assertThat(H.replyAllNew(req, intake).status()).isEqualTo(200);
    }

    /** Replaces the value at the index-th position of a depth-first walk. */
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
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().withCharRange('A', 'z').ofMaxLength(44).map(s -> "sha256=" + s));
    }

    /** An event: arbitrary fields, usually with an id (and a message_create object), as X's events have. */
    private static Arbitrary<JsonObject> element() {
        return net.jqwik.api.Combinators.combine(object(2), scalar(), object(2), Arbitraries.integers().between(0, 3))
                .as((o, id, mc, shape) -> {
                    JsonObject e = o.copy();
                    if (shape > 0) {
                        e.put("id_str", id).put("id", id).put("type", "message_create").put("message_create", mc);
                    }
                    if (shape > 1) {
                        e.put("id_str", "1369674473466437632").put("id", "1369674473466437632");
                    }
                    return e;
                });
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    /**
     * Payloads shaped like X's: a {@code for_user_id}, an event array whose elements use X's field names
     * (with arbitrary values and nesting), and sometimes other keys; or a free-form object.
     */
    @Provide
    Arbitrary<JsonObject> payloads() {
        Arbitrary<JsonObject> shaped = net.jqwik.api.Combinators.combine(
                scalar(),
                Arbitraries.of(TWEETS_OR_DMS),
                element().list().ofMaxSize(3),
                object(2)).as((forUser, key, events, extra) -> {
                    JsonObject o = extra.copy();
                    o.put("for_user_id", forUser);
                    o.put(key, new JsonArray(new ArrayList<>(events)));
                    return o;
                });
        return Arbitraries.frequencyOf(Tuple.of(4, shaped), Tuple.of(1, object(3)));
    }

    @Provide
    Arbitrary<Object> values() {
        return value(2);
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
                .map(m -> new JsonObject(new java.util.LinkedHashMap<>(m)));
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
