package io.switchboard.gateway.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock CRM on a free loopback port, with helpers to simulate an outage (every request answered 503) and to
 * read back what the CRM would hold: like a real idempotent API, requests answered 2xx that carry the same
 * idempotency key make one record.
 */
public final class WireMockCrm implements AutoCloseable {

    private final WireMockServer server;
    private StubMapping outage;

    private WireMockCrm() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(20)
                .jettyAcceptors(1));
        server.start();
    }

    /** @return a started CRM */
    public static WireMockCrm start() {
        return new WireMockCrm();
    }

    /** @return the server, to add stubs */
    public WireMockServer server() {
        return server;
    }

    /** @return the base URL */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every request answered 503 with {@code Retry-After: 1}, ahead of every other stub. */
    public void down() {
        outage = server.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "1").withBody("{\"error\":\"maintenance\"}")));
    }

    /** Ends {@link #down()}. */
    public void up() {
        if (outage != null) {
            server.removeStub(outage);
            outage = null;
        }
    }

    /**
     * What the CRM holds.
     *
     * @param contactIdOf where a request names its contact (body field, path)
     * @param keyOf       the request's idempotency key, or null when it has none (each such request is a record)
     * @return records per contact id
     */
    public Map<String, Integer> records(Function<ServeEvent, String> contactIdOf, Function<ServeEvent, String> keyOf) {
        Map<String, Set<String>> keys = new HashMap<>();
        for (ServeEvent e : served()) {
            int status = e.getResponse().getStatus();
            if (status < 200 || status >= 300) {
                continue;
            }
            String id = contactIdOf.apply(e);
            String key = keyOf.apply(e);
            keys.computeIfAbsent(id, k -> new HashSet<>()).add(key == null ? UUID.randomUUID().toString() : key);
        }
        Map<String, Integer> out = new HashMap<>();
        keys.forEach((id, ks) -> out.put(id, ks.size()));
        return out;
    }

    /** @return every request served, oldest first */
    public List<ServeEvent> served() {
        List<ServeEvent> all = new java.util.ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(all);
        return all;
    }

    /**
     * @param e a served request
     * @return its JSON body
     */
    public static JsonObject body(ServeEvent e) {
        return new JsonObject(e.getRequest().getBodyAsString());
    }

    /** Forgets the requests served so far and every stub. */
    public void reset() {
        server.resetAll();
        outage = null;
    }

    @Override
    public void close() {
        server.stop();
    }
}
