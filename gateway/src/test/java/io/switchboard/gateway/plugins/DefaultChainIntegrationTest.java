package io.switchboard.gateway.plugins;

import io.switchboard.gateway.delivery.SinkRegistry;
import io.switchboard.gateway.testing.TestGateway;
import io.switchboard.gateway.testing.TestSinks;
import io.switchboard.spi.sink.Delivery;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default chain of {@code config/gateway.yaml} (identity → continuity → priority → redaction, customers from
 * {@code config/customers.csv}) through a running gateway, across the web-form, x and meta channel types.
 */
class DefaultChainIntegrationTest {

    private static final String X_SECRET = "default-chain-x-secret";
    private static final String META_SECRET = "default-chain-meta-secret";
    private static final String BRAND = "1363121963309412354";
    private static final String JANE_X = "1133857316862910464";
    private static final String BOB_X = "1444555666777888999";
    private static final String TEXT = "My broadband is down again, third time this week";
    private static final AtomicLong IDS = new AtomicLong(1_700_000_000_000_000_000L);

    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        TestSinks.reset();
        JsonObject chains = defaultChains();
        JsonObject config = new JsonObject()
                .put("delivery", new JsonObject().put("pollInterval", "20ms").put("initialBackoff", "20ms"))
                .put("sinks", new JsonObject().put("crm", new JsonObject().put("type", "test")))
                .put("channels", new JsonObject()
                        .put("contact-us", new JsonObject().put("type", "web-form").put("defaultRegion", "GB")
                                .put("perClientLimit", 0).put("channelLimitPerSecond", 0)
                                .put("sinks", new JsonArray().add("crm")))
                        .put("acme-x", new JsonObject().put("type", "x").put("consumerSecret", "${env:X_SECRET}")
                                .put("userId", BRAND).put("sinks", new JsonArray().add("crm")))
                        .put("acme-meta", new JsonObject().put("type", "meta").put("appSecret", "${env:META_SECRET}")
                                .put("verifyToken", "${env:META_TOKEN}").put("sinks", new JsonArray().add("crm"))))
                .put("chains", chains);
        gateway = TestGateway.start(dir, config, Map.of("X_SECRET", X_SECRET, "META_SECRET", META_SECRET,
                "META_TOKEN", "default-chain-verify"), SinkRegistry.of(List.of(new TestSinks())));
    }

    /** The chains of the shipped configuration, with the customers file found where it is shipped. */
    @SuppressWarnings("unchecked")
    private static JsonObject defaultChains() throws Exception {
        Map<String, Object> yaml = new Yaml().load(Files.readString(Path.of("../config/gateway.yaml")));
        JsonObject chains = new JsonObject((Map<String, Object>) yaml.get("chains"));
        JsonArray steps = chains.getJsonObject("default").getJsonArray("steps");
        assertThat(steps.stream().map(s -> ((JsonObject) s).getString("plugin")))
                .containsExactly("identity", "continuity", "priority", "redaction");
        JsonObject identity = steps.getJsonObject(0).getJsonObject("config");
        identity.put("customersFile", Path.of("../config", identity.getString("customersFile")).toAbsolutePath().toString());
        return chains;
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestSinks.reset();
    }

    // --- senders -------------------------------------------------------------------------------------------------

    private static String tweet(String userId, String screenName, String text) throws Exception {
        String id = Long.toString(IDS.incrementAndGet());
        JsonObject body = new JsonObject().put("for_user_id", BRAND).put("tweet_create_events", new JsonArray().add(
                new JsonObject().put("id_str", id).put("text", "@AcmeSupport " + text).put("lang", "en")
                        .put("timestamp_ms", Long.toString(System.currentTimeMillis()))
                        .put("conversation_id_str", id)
                        .put("user", new JsonObject().put("id_str", userId).put("screen_name", screenName)
                                .put("name", screenName.equals("someone") ? "Sam Stranger" : "Jane Customer")
                                .put("followers_count", 250_000))
                        .put("entities", new JsonObject().put("user_mentions", new JsonArray().add(new JsonObject()
                                .put("screen_name", "AcmeSupport").put("id_str", BRAND))))));
        return postX(body, id);
    }

    private static String directMessage(String userId, String text) throws Exception {
        String id = Long.toString(IDS.incrementAndGet());
        JsonObject body = new JsonObject().put("for_user_id", BRAND).put("direct_message_events", new JsonArray().add(
                new JsonObject().put("type", "message_create").put("id", id)
                        .put("created_timestamp", Long.toString(System.currentTimeMillis()))
                        .put("message_create", new JsonObject().put("target", new JsonObject().put("recipient_id", BRAND))
                                .put("sender_id", userId).put("message_data", new JsonObject().put("text", text)))));
        return postX(body, id);
    }

    private static String postX(JsonObject body, String eventId) throws Exception {
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(X_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpResponse<Buffer> r = gateway.send(HttpMethod.POST, "/webhooks/acme-x", Map.of("Content-Type", "application/json",
                "x-twitter-webhooks-signature", "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(bytes))),
                Buffer.buffer(bytes));
        assertThat(r.statusCode()).isEqualTo(200);
        return idOf("acme-x", eventId);
    }

    private static String whatsApp(String from, String text) throws Exception {
        String id = "wamid.test" + IDS.incrementAndGet();
        JsonObject value = new JsonObject().put("messaging_product", "whatsapp")
                .put("metadata", new JsonObject().put("display_phone_number", "15550783881").put("phone_number_id", "106540352242922"))
                .put("contacts", new JsonArray().add(new JsonObject().put("profile", new JsonObject().put("name", "Jane"))
                        .put("wa_id", from)))
                .put("messages", new JsonArray().add(new JsonObject().put("from", from).put("id", id)
                        .put("timestamp", Long.toString(Instant.now().getEpochSecond())).put("type", "text")
                        .put("text", new JsonObject().put("body", text))));
        return postMeta(new JsonObject().put("object", "whatsapp_business_account").put("entry", new JsonArray().add(
                new JsonObject().put("id", "102290129340398").put("changes", new JsonArray().add(
                        new JsonObject().put("field", "messages").put("value", value))))), id);
    }

    private static String pageComment(String fromId, String text) throws Exception {
        String id = "122112345678901234_" + IDS.incrementAndGet();
        JsonObject value = new JsonObject().put("from", new JsonObject().put("id", fromId).put("name", "Maria Lopez"))
                .put("post_id", "109876543210987_122112345678901234").put("comment_id", id).put("item", "comment")
                .put("verb", "add").put("message", text).put("created_time", Instant.now().getEpochSecond())
                .put("parent_id", "109876543210987_122112345678901234");
        return postMeta(new JsonObject().put("object", "page").put("entry", new JsonArray().add(new JsonObject()
                .put("id", "109876543210987").put("time", Instant.now().getEpochSecond())
                .put("changes", new JsonArray().add(new JsonObject().put("field", "feed").put("value", value))))), id);
    }

    private static String postMeta(JsonObject body, String eventId) throws Exception {
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(META_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpResponse<Buffer> r = gateway.send(HttpMethod.POST, "/webhooks/acme-meta", Map.of("Content-Type",
                "application/json", "X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes))),
                Buffer.buffer(bytes));
        assertThat(r.statusCode()).isEqualTo(200);
        return idOf("acme-meta", eventId);
    }

    private static String form(String email, String text) throws Exception {
        HttpResponse<Buffer> r = gateway.post("/webhooks/contact-us", "application/json",
                new JsonObject().put("name", "Jane Customer").put("email", email).put("message", text).encode());
        assertThat(r.statusCode()).isEqualTo(202);
        return r.bodyAsJsonObject().getString("id");
    }

    private static String idOf(String channel, String eventId) throws Exception {
        JsonObject list = gateway.get("/api/contacts?channel=" + channel + "&providerEventId=" + eventId).bodyAsJsonObject();
        assertThat(list.getInteger("count")).as("stored %s", eventId).isEqualTo(1);
        return list.getJsonArray("contacts").getJsonObject(0).getString("id");
    }

    /** Waits until the chain has run on the contact, and returns it. */
    private static JsonObject processed(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonObject c = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<Buffer> r = gateway.get("/api/contacts/" + id);
            if (r.statusCode() == 200) {
                c = r.bodyAsJsonObject();
                String status = c.getJsonObject("processing").getString("status");
                if (!status.equals("accepted")) {
                    assertThat(status).as("processing of %s: %s", id, c.getJsonObject("processing")).isEqualTo("processed");
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("contact " + id + " was not processed in 20 s: " + (c == null ? null : c.getJsonObject("processing")));
    }

    private static JsonObject customer(JsonObject c) {
        return c.getJsonObject("customer");
    }

    // --- the tests -----------------------------------------------------------------------------------------------

    @Test
    void aTweetADirectMessageAndAWhatsAppMessageOfOneCustomerAreOneConversationWithOneCustomerId() throws Exception {
        JsonObject t = processed(tweet(JANE_X, "janecust", TEXT));
        JsonObject dm = processed(directMessage(JANE_X, "Here are the details you asked for"));
        JsonObject wa = processed(whatsApp("447700900123", "Still nothing, can someone call me?"));

        for (JsonObject c : List.of(t, dm, wa)) {
            assertThat(customer(c).getString("customerId")).isEqualTo("cust-1001");
            assertThat(customer(c).getBoolean("linked")).isTrue();
            assertThat(customer(c).getString("level")).isEqualTo("strong");
            assertThat(c.getString("conversationKey")).isEqualTo(t.getString("conversationKey"));
        }
        assertThat(customer(t).getString("method")).isEqualTo("provider-user");
        assertThat(customer(wa).getString("method")).isEqualTo("phone");
        JsonObject conversation = gateway.get("/api/conversations/" + t.getString("conversationKey")).bodyAsJsonObject();
        assertThat(conversation.getInteger("contactCount")).isEqualTo(3);
        assertThat(conversation.getInteger("channels")).isEqualTo(2);
        assertThat(conversation.getString("partyKey")).isEqualTo("customer:cust-1001");
        assertThat(wa.getJsonObject("priority").getJsonArray("reasons").stream()
                .map(r -> ((JsonObject) r).getString("code"))).contains("repeat.contacts", "tier.gold");

        // Every link is recorded with its evidence, and can be undone without losing either side's contacts.
        JsonArray decisions = gateway.get("/api/contacts/" + dm.getString("id") + "/identity").bodyAsJsonObject()
                .getJsonArray("decisions");
        JsonObject link = decisions.getJsonObject(0);
        assertThat(link.getString("kind")).isEqualTo("link");
        assertThat(link.getString("evidence")).contains("provider-user").doesNotContain(JANE_X);
        assertThat(gateway.send(HttpMethod.DELETE, "/api/links/" + link.getString("id"), Map.of(), null).statusCode())
                .isEqualTo(200);
        JsonObject undone = gateway.get("/api/contacts/" + dm.getString("id")).bodyAsJsonObject();
        assertThat(customer(undone).getBoolean("linked")).isFalse();
        assertThat(customer(undone).getJsonArray("candidates")).contains("cust-1001");
        assertThat(gateway.get("/api/contacts/" + wa.getString("id")).bodyAsJsonObject().getJsonObject("customer")
                .getString("customerId")).isEqualTo("cust-1001");
        assertThat(gateway.get("/api/customers/cust-1001").statusCode()).isEqualTo(200);
    }

    @Test
    void theSameTextFromTheSameCustomerGetsTheSamePriorityInPublicAndInPrivateOnEveryChannel() throws Exception {
        // Bob's first contact of a conversation, in public on X, then (after it is resolved) in private on WhatsApp.
        JsonObject first = processed(tweet(BOB_X, "bobsmith", "Is anyone there? " + TEXT));
        String key = first.getString("conversationKey");
        HttpResponse<Buffer> resolved = gateway.send(HttpMethod.POST, "/api/conversations/" + key + "/resolve", Map.of(), null);
        assertThat(resolved.statusCode()).isEqualTo(200);
        JsonObject second = processed(whatsApp("447700900456", "@AcmeSupport Is anyone there? " + TEXT));
        assertThat(second.getString("conversationKey")).as("a resolved conversation is not reopened").isNotEqualTo(key);
        assertThat(customer(first).getString("customerId")).isEqualTo("cust-1002");
        assertThat(customer(second).getString("customerId")).isEqualTo("cust-1002");
        assertThat(second.getJsonObject("priority")).isEqualTo(first.getJsonObject("priority"));
        assertThat(first.getJsonObject("priority").getJsonArray("reasons").stream().map(r -> ((JsonObject) r).getString("code")))
                .contains("intent.outage", "intent.repeat-complaint", "tier.silver").noneMatch(c -> c.startsWith("exposure."));

        // An unknown X user's public tweet and a web form whose email is only self-asserted (a suggestion, not a link):
        // neither is linked, both are first contacts, so the same text scores the same.
        JsonObject stranger = processed(tweet("99887766", "someone", TEXT));
        JsonObject web = processed(form("Jane.Customer@Example.com", "@AcmeSupport " + TEXT));
        assertThat(customer(web).getBoolean("linked")).isFalse();
        assertThat(customer(web).getString("level")).isEqualTo("medium");
        assertThat(customer(web).getJsonArray("candidates")).containsExactly("cust-1001");
        assertThat(customer(stranger).getString("level")).isEqualTo("none");
        assertThat(web.getJsonObject("priority")).isEqualTo(stranger.getJsonObject("priority"));
    }

    @Test
    void aCardNumberInAPublicCommentIsRedactedInTheStoredAndTheForwardedContact() throws Exception {
        JsonObject c = processed(pageComment("7012345678901234", "Charged twice!! my card 4111 1111 1111 1111 refund now"));
        assertThat(c.getJsonObject("content").getString("text"))
                .isEqualTo("Charged twice!! my card [redacted payment-card] refund now");
        assertThat(c.getJsonArray("redactions").getJsonObject(0)).isEqualTo(new JsonObject().put("kind", "payment-card")
                .put("field", "content.text").put("start", 24).put("end", 43).put("redacted", true));
        assertThat(c.getJsonArray("tags")).contains("move-to-private", "pii-detected");
        assertThat(c.getJsonObject("attributes").getJsonObject("redaction").getString("advice")).isEqualTo("move-to-private");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Delivery forwarded = null;
        while (forwarded == null && System.nanoTime() < deadline) {
            forwarded = TestSinks.DELIVERED.getOrDefault("crm", List.of()).stream()
                    .filter(d -> d.contact().id().equals(c.getString("id"))).findFirst().orElse(null);
            Thread.sleep(20);
        }
        assertThat(forwarded).as("forwarded to the sink").isNotNull();
        assertThat(forwarded.contact().content().text()).doesNotContain("4111").contains("[redacted payment-card]");
    }
}
