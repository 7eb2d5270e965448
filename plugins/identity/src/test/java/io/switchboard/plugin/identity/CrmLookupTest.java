package io.switchboard.plugin.identity;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.testkit.InMemoryCustomerDirectory;
import io.switchboard.spi.testkit.PluginOutcome;
import io.switchboard.spi.testkit.PluginTester;
import io.switchboard.spi.testkit.TestContacts;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.switchboard.spi.testkit.PluginAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The CRM read-through against a real HTTP server on a free port. */
class CrmLookupTest {

    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger delayMs = new AtomicInteger();
    private final List<MultiMap> requests = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final InMemoryCustomerDirectory directory = new InMemoryCustomerDirectory();
    private PluginTester tester;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> {
            requests.add(req.params());
            auth.add(req.getHeader("Authorization"));
            Runnable answer = () -> {
                if (status.get() != 200) {
                    req.response().setStatusCode(status.get()).end();
                    return;
                }
                JsonArray customers = new JsonArray();
                if ("+447700900777".equals(req.getParam("value")) || "crm-known@example.com".equals(req.getParam("value"))) {
                    customers.add(new JsonObject().put("id", "crm-42").put("name", "Crm Customer").put("tier", "gold")
                            .put("identifiers", new JsonArray().add(new JsonObject().put("type", "email")
                                    .put("value", "CRM-Known@Example.com"))));
                }
                req.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("customers", customers).encode());
            };
            if (delayMs.get() > 0) {
                vertx.setTimer(delayMs.get(), id -> answer.run());
            } else {
                answer.run();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // The JVM's first web-client request loads Netty's client classes on the event loop (a one-time cost of
        // several hundred ms on a busy machine); pay it here, so the tests measure the plugin's own calls.
        io.vertx.ext.web.client.WebClient warm = io.vertx.ext.web.client.WebClient.create(vertx);
        warm.getAbs("http://127.0.0.1:" + server.actualPort() + "/warm-up").send()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        warm.close();
        requests.clear();
        auth.clear();
    }

    @AfterEach
    void stop() throws Exception {
        if (tester != null) {
            tester.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private PluginTester tester(Map<String, Object> crm) {
        Map<String, Object> c = new java.util.HashMap<>(Map.of("url", "http://127.0.0.1:" + server.actualPort() + "/lookup",
                "token", "${env:CRM_TOKEN}", "minimumCalls", 2, "slidingWindow", 2, "timeout", "5s"));
        c.putAll(crm);
        tester = PluginTester.of(new IdentityPluginFactory()).config(Map.of("crm", c)).env(Map.of("CRM_TOKEN", "t0k3n-crm"))
                .service(CustomerDirectory.class, directory).step("default", "identity").build();
        return tester;
    }

    private static CircuitBreaker breaker(PluginTester t) {
        return ((IdentityPlugin) t.plugin()).crm().breaker();
    }

    @Test
    void aCustomerOnlyTheCrmKnowsIsLinkedAndKeptInTheDirectory() {
        PluginOutcome o = tester(Map.of()).run(TestContacts.whatsApp().from("+447700900777").text("hi").build());
        assertThat(o).proceeded().isLinkedTo("crm-42").hasMatchLevel(MatchLevel.STRONG);
        assertThat(directory.get("default", "crm-42").result().identifiers()).contains(
                new Identifier("phone", "+447700900777"), new Identifier("email", "crm-known@example.com"));
        assertThat(requests).singleElement().satisfies(p -> {
            assertThat(p.get("tenant")).isEqualTo("default");
            assertThat(p.get("type")).isEqualTo("phone");
            assertThat(p.get("value")).isEqualTo("+447700900777");
        });
        assertThat(auth).containsExactly("Bearer t0k3n-crm");
        assertThat(directory.decisionsFor("default", o.contact().id()).result().get(0).evidence())
                .contains("\"crm\":\"answered\"");
    }

    @Test
    void answersAreCachedHitsAndMisses() {
        PluginTester t = tester(Map.of());
        t.run(TestContacts.sms().from("+447700900555").build());
        t.run(TestContacts.sms().from("+447700900555").build());
        assertThat(requests).as("the miss is cached").hasSize(1);
        PluginOutcome again = t.run(TestContacts.sms().from("+447700900555").build());
        assertThat(again).proceeded().hasMatchLevel(MatchLevel.NONE);
    }

    @Test
    void identifiersTheDirectoryHasAreNotSentToTheCrm() {
        directory.seed("default", "c-1", null, new Identifier("phone", "+447700900123"));
        assertThat(tester(Map.of()).run(TestContacts.sms().from("+447700900123").build())).proceeded().isLinkedTo("c-1");
        assertThat(requests).isEmpty();
    }

    @Test
    void weakSignalsAreNotSentToTheCrm() {
        tester(Map.of()).run(TestContacts.telegram().name("Crm Customer").text("call 07700 900777").build());
        assertThat(requests).isEmpty();
    }

    @Test
    void crmFailuresOpenItsOwnBreakerAndMatchingGoesOnWithoutIt() {
        status.set(503);
        PluginTester t = tester(Map.of());
        for (int i = 0; i < 2; i++) {
            Contact c = TestContacts.sms().from("+44770090010" + i).build();
            assertThat(t.run(c)).proceeded().hasMatchLevel(MatchLevel.NONE);
            assertThat(directory.decisionsFor("default", c.id()).result()).isEmpty();
        }
        assertThat(breaker(t).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker(t).getName()).isEqualTo("default.identity.crm");
        status.set(200);
        assertThat(t.run(TestContacts.whatsApp().from("+447700900777").build())).as("breaker open: the CRM is not asked")
                .proceeded().isNotLinked();
        assertThat(requests).hasSize(2);
    }

    @Test
    void aSlowCrmCountsAsAFailure() {
        delayMs.set(1_500);
        PluginTester t = tester(Map.of("timeout", "300ms"));
        PluginOutcome o = t.run(TestContacts.whatsApp().from("+447700900777").build());
        assertThat(o).proceeded().isNotLinked();
        assertThat(breaker(t).getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void anUnreadableAnswerCountsAsAFailure() {
        PluginTester t = tester(Map.of("url", "http://127.0.0.1:" + server.actualPort() + "/lookup"));
        status.set(302);
        t.run(TestContacts.whatsApp().from("+447700900777").build());
        assertThat(breaker(t).getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }
}
