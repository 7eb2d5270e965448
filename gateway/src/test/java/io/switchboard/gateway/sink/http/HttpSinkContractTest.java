package io.switchboard.gateway.sink.http;

import io.switchboard.gateway.sink.ContactSinkContract;
import io.switchboard.gateway.testing.SinkContexts;
import io.switchboard.gateway.testing.WireMockCrm;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The sink contract against a WireMock CRM that, like a real idempotent API, holds one record per idempotency key:
 * the generic http sink POSTs the contact JSON with {@code Idempotency-Key}.
 */
class HttpSinkContractTest extends ContactSinkContract {

    private WireMockCrm crm;

    @Override
    protected void setUpTarget() {
        crm = WireMockCrm.start();
        crm.server().stubFor(post(urlEqualTo("/api/contacts")).atPriority(10)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"record\":{\"id\":\"crm-1\"}}")));
        crm.server().stubFor(post(urlEqualTo("/api/contacts")).atPriority(5).withRequestBody(containing("refuse-me"))
                .willReturn(aResponse().withStatus(422).withBody("{\"error\":\"invalid\"}")));
    }

    @Override
    protected void tearDownTarget() {
        crm.close();
    }

    @Override
    protected ContactSink createSink(Vertx vertx) throws Exception {
        return SinkContexts.start(vertx, new HttpSinkFactory(), "crm", new JsonObject()
                .put("url", crm.url() + "/api/contacts").put("externalRef", "/record/id").put("timeout", "2s"));
    }

    @Override
    protected Map<String, Integer> recordsById() {
        return crm.records(e -> WireMockCrm.body(e).getString("id"), e -> e.getRequest().getHeader("Idempotency-Key"));
    }

    @Override
    protected Contact refusedByTarget(Contact c) {
        return c.toBuilder().content(c.content().withText("refuse-me")).build();
    }

    @Override
    protected void targetDown() {
        crm.down();
    }

    @Override
    protected void targetUp() {
        crm.up();
    }
}
