package io.switchboard.gateway.channel.webhook;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives, signed or not, the webhook adapter either rejects it with a 4xx {@link RequestRejectedException}
 * or returns one storable contact or one ignored event: never another exception (a 500).
 */
class WebhookAdapterPropertiesTest {

    private static final AdapterHarness CHAT = WebhookAdapterTest.chat();
    private static final AdapterHarness TICKETS = WebhookAdapterTest.harness(WebhookAdapterTest.SECRET, new JsonObject()
            .put("eventTypes", new JsonArray().add("ticket.created")).put("mapping", WebhookAdapterTest.TICKET_MAPPING),
            Clock.systemUTC());

    private static final List<String> KEYS = List.of("type", "timestamp", "data", "id", "conversation", "reply_to",
            "author", "username", "display_name", "phone", "email", "inbox", "address", "name", "body", "created_at",
            "metadata", "order_id", "tags", "ticket", "number", "kind", "subject", "description", "opened_at",
            "requester", "contact_id", "mobile", "queue", "priority", "0", "~", "/");
    private static final List<Object> WORDS = List.of("message.created", "ticket.created", "Email", "email", "CALL",
            "public", "", " ", "07700 900461", "+44 7700 900 718", "not a phone", "Jane.Roe@Example.net", "@", "a@b",
            "1718031845", "1718031845123", "2024-06-10T15:04:05Z", "1e400", "-1", "NaN", "\u0000", "\ud83d\ude15",
            1718031845L, 1718031845123L, -5, 0, 1.5e300, Double.MAX_VALUE, true);

    @Property
    void anyBytesWithAnyHeadersAreRejectedOrParsed(@ForAll @Size(max = 300) byte[] body,
                                                   @ForAll("headerValues") String id, @ForAll("headerValues") String ts,
                                                   @ForAll("headerValues") String sig) {
        InboundRequest req = WebhookAdapterTest.post(CHAT, body, Map.of("webhook-id", id, "webhook-timestamp", ts,
                "webhook-signature", sig));
        assertWellBehaved(CHAT, req);
    }

    @Property
    void signedBytesAreRejectedOrParsed(@ForAll @Size(max = 300) byte[] body) {
        assertWellBehaved(CHAT, WebhookAdapterTest.signed(CHAT, "msg_p", body));
    }

    @Property
    void signedArbitraryJsonIsRejectedOrParsed(@ForAll("payloads") JsonObject payload, @ForAll boolean tickets) {
        AdapterHarness h = tickets ? TICKETS : CHAT;
        assertWellBehaved(h, WebhookAdapterTest.signed(h, "msg_j", payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    @Property
    void signedMutatedFixturesAreRejectedOrParsed(@ForAll("fixtures") String fixture,
                                                  @ForAll @Size(min = 1, max = 3) List<Integer> at,
                                                  @ForAll("values") Object replacement, @ForAll boolean tickets) {
        JsonObject payload = new JsonObject(Golden.text(fixture));
        for (int index : at) {
            mutate(payload, index, replacement);
        }
        AdapterHarness h = tickets ? TICKETS : CHAT;
        assertWellBehaved(h, WebhookAdapterTest.signed(h, "msg_m", payload.encode().getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertWellBehaved(AdapterHarness h, InboundRequest req) {
        Intake intake;
        try {
            intake = h.verifyAndParse(req);
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isIn(400, 401);
            Statistics.collect("rejected " + e.status());
            return;
        }
        Statistics.collect(intake.contacts().isEmpty() ? "ignored" : "contact");
        assertThat(intake.contacts().size() + intake.ignored().size()).isEqualTo(1);
        for (Contact c : intake.contacts()) {
            assertThat(ContactJson.fromJson(ContactJson.toJson(c))).isEqualTo(c);
            assertThat(c.provider().eventId()).isNotBlank().hasSizeLessThanOrEqualTo(WebhookAdapter.MAX_EVENT_ID);
        }
        for (Intake.Ignored i : intake.ignored()) {
            assertThat(i.eventType()).isIn("ticket.created", "other");
        }
        assertThat(h.replyAllNew(req, intake).status()).isEqualTo(200);
    }

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
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("", "v1,", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "msg_1",
                        String.valueOf(Instant.now().getEpochSecond()), "99999999999999999999"));
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of("webhook/chat-message.json", "webhook/ticket-created.json", "webhook/invoice-paid.json");
    }

    @Provide
    Arbitrary<JsonObject> payloads() {
        return object(3);
    }

    @Provide
    Arbitrary<Object> values() {
        return value(2);
    }

    private static Arbitrary<Object> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(WORDS)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.longs().map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.doubles().map(d -> (Object) d)),
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
