package io.switchboard.gateway.sink.http;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.switchboard.gateway.testing.SinkContacts;
import io.switchboard.gateway.testing.SinkContexts;
import io.switchboard.gateway.testing.WireMockCrm;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.DeliveryResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The http sink's answers, auth and presets, against WireMock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSinkTest {

    private static final Map<String, String> ENV = Map.of("CRM_TOKEN", "tok-3f9a7c21e8", "ZENDESK_API_TOKEN",
            "zd-5b2e91d4c7", "CRM_USER", "agent@example.com/token");

    private WireMockCrm crm;
    private Vertx vertx;

    @BeforeAll
    void start() {
        crm = WireMockCrm.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    void stop() throws Exception {
        crm.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void reset() {
        crm.reset();
    }

    private ContactSink sink(JsonObject config) throws Exception {
        return SinkContexts.start(vertx, new HttpSinkFactory(), "crm", config, ENV);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private DeliveryResult deliverOne(ContactSink s, Contact c) throws Exception {
        return await(s.deliver(SinkContacts.deliveries(List.of(c), 1))).get(0);
    }

    private ServeEvent only() {
        List<ServeEvent> all = crm.served();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @ParameterizedTest(name = "{0} should be {1}")
    @CsvSource({"200, delivered", "201, delivered", "204, delivered", "400, failed", "401, failed", "404, failed",
            "409, failed", "422, failed", "300, failed", "408, retry", "429, retry", "500, retry", "502, retry",
            "503, retry", "504, retry"})
    void statusesShouldMapToDeliveredDeadLetterOrRetry(int status, String expected) throws Exception {
        crm.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)));
        ContactSink s = sink(new JsonObject().put("url", crm.url() + "/in"));
        DeliveryResult r = deliverOne(s, SinkContacts.contact(0));
        assertThat(r).isInstanceOf(switch (expected) {
            case "delivered" -> DeliveryResult.Delivered.class;
            case "failed" -> DeliveryResult.Failed.class;
            default -> DeliveryResult.Retry.class;
        });
        await(s.close());
    }

    @Test
    void retryAfterInSecondsOrAsADateShouldBeHonoured() throws Exception {
        crm.server().stubFor(post(urlEqualTo("/seconds")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        crm.server().stubFor(post(urlEqualTo("/date")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", date)));
        ContactSink a = sink(new JsonObject().put("url", crm.url() + "/seconds"));
        ContactSink b = sink(new JsonObject().put("url", crm.url() + "/date"));
        assertThat(((DeliveryResult.Retry) deliverOne(a, SinkContacts.contact(0))).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(((DeliveryResult.Retry) deliverOne(b, SinkContacts.contact(0))).retryAfter())
                .isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
        await(a.close());
        await(b.close());
    }

    @Test
    void aTargetTooSlowToAnswerShouldBeRetried() throws Exception {
        crm.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withFixedDelay(3000)));
        ContactSink s = sink(new JsonObject().put("url", crm.url() + "/slow").put("timeout", "300ms"));
        DeliveryResult r = deliverOne(s, SinkContacts.contact(0));
        assertThat(r).isInstanceOf(DeliveryResult.Retry.class);
        assertThat(((DeliveryResult.Retry) r).reason()).isEqualTo("timeout");
        await(s.close());
    }

    @Test
    void aTargetThatRefusesConnectionsShouldBeRetried() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        ContactSink s = sink(new JsonObject().put("url", "http://127.0.0.1:" + port));
        assertThat(deliverOne(s, SinkContacts.contact(0))).isInstanceOf(DeliveryResult.Retry.class);
        await(s.close());
    }

    @Test
    void theGenericSinkShouldPostTheContactWithItsIdAsIdempotencyKey() throws Exception {
        crm.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)
                .withBody("{\"data\":{\"id\":42}}")));
        ContactSink s = sink(new JsonObject().put("url", crm.url() + "/in").put("externalRef", "/data/id")
                .put("headers", new JsonObject().put("X-Channel", "{{channel.id}}")));
        Contact c = SinkContacts.contact(0);
        assertThat(((DeliveryResult.Delivered) deliverOne(s, c)).externalRef()).isEqualTo("42");
        ServeEvent e = only();
        assertThat(e.getRequest().getMethod().getName()).isEqualTo("POST");
        assertThat(e.getRequest().getHeader("Idempotency-Key")).isEqualTo(c.id());
        assertThat(e.getRequest().getHeader("Content-Type")).startsWith("application/json");
        assertThat(e.getRequest().getHeader("X-Channel")).isEqualTo("contact-us");
        assertThat(WireMockCrm.body(e).getString("id")).isEqualTo(c.id());
        assertThat(WireMockCrm.body(e).getJsonObject("sender").getString("displayName")).isEqualTo("Jane Doe");
        await(s.close());
    }

    @Test
    void bearerBasicAndApiKeyCredentialsShouldComeFromTheEnvironment() throws Exception {
        crm.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        ContactSink bearer = sink(new JsonObject().put("url", crm.url() + "/b")
                .put("auth", new JsonObject().put("type", "bearer").put("token", "${env:CRM_TOKEN}")));
        ContactSink basic = sink(new JsonObject().put("url", crm.url() + "/u").put("auth", new JsonObject()
                .put("type", "basic").put("username", "${env:CRM_USER}").put("password", "${env:ZENDESK_API_TOKEN}")));
        ContactSink key = sink(new JsonObject().put("url", crm.url() + "/k").put("auth", new JsonObject()
                .put("type", "api-key").put("header", "X-Api-Key").put("token", "${env:CRM_TOKEN}")));
        for (ContactSink s : List.of(bearer, basic, key)) {
            deliverOne(s, SinkContacts.contact(0));
            await(s.close());
        }
        List<ServeEvent> all = crm.served();
        assertThat(all.get(0).getRequest().getHeader("Authorization")).isEqualTo("Bearer tok-3f9a7c21e8");
        assertThat(all.get(1).getRequest().getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("agent@example.com/token:zd-5b2e91d4c7".getBytes()));
        assertThat(all.get(2).getRequest().getHeader("X-Api-Key")).isEqualTo("tok-3f9a7c21e8");
        assertThat(all.get(2).getRequest().containsHeader("Authorization")).isFalse();
    }

    @Test
    void aMissingCredentialShouldFailConfigurationNamingTheKey() {
        assertThatThrownBy(() -> sink(new JsonObject().put("url", crm.url()).put("auth", new JsonObject()
                .put("type", "bearer").put("token", "${env:NOT_SET_ANYWHERE}"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.token: environment variable NOT_SET_ANYWHERE is not set");
        assertThatThrownBy(() -> sink(new JsonObject().put("url", crm.url()).put("auth", new JsonObject()
                .put("type", "basic").put("username", "u"))))
                .hasMessageContaining("auth.password: is required for auth type basic");
        assertThatThrownBy(() -> sink(new JsonObject().put("url", crm.url()).put("auth", new JsonObject()
                .put("type", "bearer").put("token", "literal-token-in-file"))))
                .hasMessageContaining("auth.token: must reference a secret");
        assertThatThrownBy(() -> sink(new JsonObject().put("url", crm.url())
                .put("headers", new JsonObject().put("Authorization", "Bearer x"))))
                .hasMessageContaining("headers.Authorization: credentials go in auth");
    }

    @Test
    void invalidUrlsAndTemplatesShouldBeRefusedWithTheirKeyPath() {
        assertThatThrownBy(() -> sink(new JsonObject().put("url", "ftp://crm.example")))
                .hasMessageContaining("sinks.crm").hasMessageContaining("url: must be an absolute http:// or https:// URL");
        assertThatThrownBy(() -> sink(new JsonObject().put("url", crm.url())
                .put("body", new JsonObject().put("ticket", new JsonObject().put("subject", "{{content.subjct}}")))))
                .hasMessageContaining("body.ticket.subject: invalid template: unknown contact field 'content.subjct'; "
                        + "'content' has text, subject, language, attachments");
        assertThatThrownBy(() -> sink(new JsonObject().put("url", crm.url())
                .put("body", new JsonObject().put("tags", new JsonArray().add("{{tags | shout}}")))))
                .hasMessageContaining("body.tags[0]: invalid template: unknown filter 'shout'");
        assertThatThrownBy(() -> sink(new JsonObject().put("url", crm.url()).put("path", "/x/{{id")))
                .hasMessageContaining("path: invalid template: '{{' at 3 is not closed");
        assertThatThrownBy(() -> sink(new JsonObject().put("url", crm.url()).put("preset", "freshdesk")))
                .hasMessageContaining("preset: must be one of none, zendesk-ticket, salesforce-case, hubspot-batch-upsert");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Presets

    @Test
    void theZendeskPresetShouldCreateATicketWithIdempotencyKeyAndExternalId() throws Exception {
        crm.server().stubFor(post(urlEqualTo("/api/v2/tickets.json")).willReturn(aResponse().withStatus(201)
                .withHeader("x-idempotency-lookup", "miss")
                .withBody("{\"ticket\":{\"id\":35436,\"external_id\":\"x\",\"status\":\"new\"}}")));
        ContactSink s = sink(new JsonObject().put("preset", "zendesk-ticket").put("url", crm.url())
                .put("auth", new JsonObject().put("type", "basic").put("username", "${env:CRM_USER}")
                        .put("password", "${env:ZENDESK_API_TOKEN}")));
        Contact form = SinkContacts.contact(0);
        assertThat(((DeliveryResult.Delivered) deliverOne(s, form)).externalRef()).isEqualTo("35436");
        ServeEvent e = only();
        assertThat(e.getRequest().getHeader("Idempotency-Key")).isEqualTo(form.id());
        assertThat(WireMockCrm.body(e)).isEqualTo(new JsonObject().put("ticket", new JsonObject()
                .put("subject", "Order 0")
                .put("comment", new JsonObject().put("body", "My parcel is late, order 0"))
                .put("requester", new JsonObject().put("name", "Jane Doe").put("email", "jane.doe@example.com"))
                .put("external_id", form.id())
                .put("tags", new JsonArray().add("switchboard").add("web-form"))));
        crm.reset();
        crm.server().stubFor(post(urlEqualTo("/api/v2/tickets.json")).willReturn(aResponse().withStatus(201)
                .withBody("{\"ticket\":{\"id\":35437}}")));
        deliverOne(s, SinkContacts.contact(2)); // a tweet: no email, so no requester; subject from the text
        JsonObject ticket = WireMockCrm.body(only()).getJsonObject("ticket");
        assertThat(ticket.containsKey("requester")).isFalse();
        assertThat(ticket.getString("subject")).isEqualTo("@acme my order 2 has not shipped");
        await(s.close());
    }

    @Test
    void theSalesforcePresetShouldUpsertTheCaseByExternalIdInThePath() throws Exception {
        crm.server().stubFor(patch(urlPathMatching("/services/data/v61.0/sobjects/Case/Switchboard_Contact_Id__c/.*"))
                .willReturn(aResponse().withStatus(201)
                        .withBody("{\"id\":\"500Hp00001ABCDeIAH\",\"success\":true,\"errors\":[],\"created\":true}")));
        ContactSink s = sink(new JsonObject().put("preset", "salesforce-case").put("url", crm.url() + "/")
                .put("auth", new JsonObject().put("type", "bearer").put("token", "${env:CRM_TOKEN}")));
        Contact wa = SinkContacts.contact(1);
        assertThat(((DeliveryResult.Delivered) deliverOne(s, wa)).externalRef()).isEqualTo("500Hp00001ABCDeIAH");
        ServeEvent e = only();
        assertThat(e.getRequest().getUrl()).isEqualTo("/services/data/v61.0/sobjects/Case/Switchboard_Contact_Id__c/"
                + wa.id());
        assertThat(e.getRequest().containsHeader("Idempotency-Key")).isFalse();
        assertThat(WireMockCrm.body(e)).isEqualTo(new JsonObject()
                .put("Subject", "Where is my refund? (1)").put("Description", "Where is my refund? (1)")
                .put("Origin", "meta").put("SuppliedName", "Sam").put("SuppliedPhone", "+447700900456"));
        crm.reset();
        // Several Cases with the same external id: Salesforce answers 300 and changes nothing; a dead letter.
        crm.server().stubFor(patch(urlPathMatching("/services/.*")).willReturn(aResponse().withStatus(300)));
        assertThat(deliverOne(s, wa)).isInstanceOf(DeliveryResult.Failed.class);
        await(s.close());
    }

    @Test
    void theHubSpotPresetShouldBatchUpsertByTheUniqueProperty() throws Exception {
        crm.server().stubFor(post(urlEqualTo("/crm/v3/objects/tickets/batch/upsert")).willReturn(aResponse()
                .withStatus(200).withBody(new JsonObject().put("status", "COMPLETE").put("results", new JsonArray())
                        .encode())));
        ContactSink s = sink(new JsonObject().put("preset", "hubspot-batch-upsert").put("url", crm.url())
                .put("batchSize", 2).put("auth", new JsonObject().put("type", "bearer").put("token", "${env:CRM_TOKEN}")));
        List<Contact> cs = SinkContacts.contacts(3);
        assertThat(await(s.deliver(SinkContacts.deliveries(cs, 1)))).allMatch(r -> r instanceof DeliveryResult.Delivered);
        List<ServeEvent> all = crm.served();
        assertThat(all).hasSize(2); // 2 + 1
        JsonArray inputs = WireMockCrm.body(all.get(0)).getJsonArray("inputs");
        assertThat(inputs).hasSize(2);
        assertThat(inputs.getJsonObject(0)).isEqualTo(new JsonObject().put("id", cs.get(0).id())
                .put("idProperty", "switchboard_contact_id").put("properties", new JsonObject()
                        .put("subject", "Order 0").put("content", "My parcel is late, order 0")
                        .put("hs_pipeline", "0").put("hs_pipeline_stage", "1")));
        assertThat(all.get(0).getRequest().getHeader("Authorization")).isEqualTo("Bearer tok-3f9a7c21e8");
        await(s.close());
    }

    @Test
    void aHubSpot207ShouldDeliverTheListedContactsAndRetryTheRest() throws Exception {
        List<Contact> cs = SinkContacts.contacts(3);
        JsonObject answer = new JsonObject().put("status", "COMPLETE").put("numErrors", 1)
                .put("results", new JsonArray()
                        .add(new JsonObject().put("id", "9001").put("properties", new JsonObject()
                                .put("switchboard_contact_id", cs.get(0).id())))
                        .add(new JsonObject().put("id", "9003").put("properties", new JsonObject()
                                .put("switchboard_contact_id", cs.get(2).id()))))
                .put("errors", new JsonArray().add(new JsonObject().put("status", "error").put("category", "RATE_LIMITS")));
        crm.server().stubFor(post(urlEqualTo("/crm/v3/objects/tickets/batch/upsert"))
                .willReturn(aResponse().withStatus(207).withBody(answer.encode())));
        ContactSink s = sink(new JsonObject().put("preset", "hubspot-batch-upsert").put("url", crm.url())
                .put("auth", new JsonObject().put("type", "bearer").put("token", "${env:CRM_TOKEN}")));
        List<DeliveryResult> r = await(s.deliver(SinkContacts.deliveries(cs, 1)));
        assertThat(((DeliveryResult.Delivered) r.get(0)).externalRef()).isEqualTo("9001");
        assertThat(r.get(1)).isInstanceOf(DeliveryResult.Retry.class);
        assertThat(((DeliveryResult.Delivered) r.get(2)).externalRef()).isEqualTo("9003");
        await(s.close());
    }

    @Test
    void aRefusedBatchShouldBeSentOneByOneSoOnlyTheBadContactIsADeadLetter() throws Exception {
        crm.server().stubFor(post(urlEqualTo("/crm/v3/objects/tickets/batch/upsert")).atPriority(1)
                .withRequestBody(containing("refuse-me")).willReturn(aResponse().withStatus(400)));
        crm.server().stubFor(post(urlEqualTo("/crm/v3/objects/tickets/batch/upsert")).atPriority(5)
                .willReturn(aResponse().withStatus(200).withBody("{\"results\":[]}")));
        ContactSink s = sink(new JsonObject().put("preset", "hubspot-batch-upsert").put("url", crm.url())
                .put("auth", new JsonObject().put("type", "bearer").put("token", "${env:CRM_TOKEN}")));
        List<Contact> cs = new java.util.ArrayList<>(SinkContacts.contacts(3));
        cs.set(1, cs.get(1).toBuilder().content(cs.get(1).content().withText("refuse-me")).build());
        List<DeliveryResult> r = await(s.deliver(SinkContacts.deliveries(cs, 1)));
        assertThat(r.get(0)).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(r.get(1)).isInstanceOf(DeliveryResult.Failed.class);
        assertThat(r.get(2)).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(crm.served()).hasSize(4); // the batch, then each alone
        await(s.close());
    }

    @Test
    void aPathValueThatIsMissingShouldMakeThatContactADeadLetter() throws Exception {
        crm.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        ContactSink s = sink(new JsonObject().put("url", crm.url()).put("path", "/customers/{{customer.customerId}}/notes"));
        List<Contact> cs = List.of(SinkContacts.contact(0), SinkContacts.contact(1)); // only the first is matched
        List<DeliveryResult> r = await(s.deliver(SinkContacts.deliveries(cs, 1)));
        assertThat(r.get(0)).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(r.get(1)).isInstanceOf(DeliveryResult.Failed.class);
        assertThat(((DeliveryResult.Failed) r.get(1)).reason()).contains("customer.customerId");
        assertThat(only().getRequest().getUrl()).isEqualTo("/customers/cust-42/notes");
        await(s.close());
    }

    @Test
    void requestsShouldRunConcurrentlyAndKeepTheirResultOrder() throws Exception {
        crm.server().stubFor(any(anyUrl()).atPriority(5).willReturn(aResponse().withStatus(201).withFixedDelay(150)));
        crm.server().stubFor(any(anyUrl()).atPriority(1).withRequestBody(containing("refuse-me"))
                .willReturn(aResponse().withStatus(422)));
        ContactSink s = sink(new JsonObject().put("url", crm.url()).put("concurrency", 8));
        List<Contact> cs = new java.util.ArrayList<>(SinkContacts.contacts(16));
        cs.set(11, cs.get(11).toBuilder().content(cs.get(11).content().withText("refuse-me")).build());
        long t0 = System.nanoTime();
        List<DeliveryResult> r = await(s.deliver(SinkContacts.deliveries(cs, 1)));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        for (int i = 0; i < cs.size(); i++) {
            assertThat(r.get(i)).isInstanceOf(i == 11 ? DeliveryResult.Failed.class : DeliveryResult.Delivered.class);
        }
        assertThat(ms).as("16 requests of 150 ms, 8 at a time").isLessThan(16 * 150);
        await(s.close());
    }
}
