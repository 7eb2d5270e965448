package io.switchboard.gateway.channel.webform;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Arbitrary input to the web-form adapter: a clean 4xx rejection or a valid contact, never anything else. */
class WebFormPropertyTest {

    private static final AdapterHarness H = AdapterHarness.of(new WebFormAdapterFactory(), "form",
            new JsonObject().put("defaultRegion", "GB").put("allowedOrigins", new JsonArray().add("https://a.example")),
            Map.of());

    @Property
    void arbitraryBytesShouldBeRejectedCleanlyOrAccepted(@ForAll byte[] body,
                                                         @ForAll("contentTypes") String contentType) {
        check(H.request(HttpMethod.POST, "http://localhost/webhooks/form").header("Content-Type", contentType)
                .body(body).build());
    }

    @Property
    void arbitraryFormTextShouldBeRejectedCleanlyOrAccepted(@ForAll("formText") String body) {
        check(H.request(HttpMethod.POST, "http://localhost/webhooks/form")
                .header("Content-Type", "application/x-www-form-urlencoded").body(body).build());
    }

    @Property
    void arbitraryJsonShouldBeRejectedCleanlyOrAccepted(@ForAll("json") String body) {
        check(H.request(HttpMethod.POST, "http://localhost/webhooks/form").header("Content-Type", "application/json")
                .body(body).build());
    }

    private static void check(InboundRequest req) {
        try {
            Intake in = H.verifyAndParse(req);
            assertThat(in.contacts()).hasSize(1);
            assertThat(in.contacts().get(0).provider().eventId()).isNotBlank();
            assertThat(H.replyAllNew(req, in).status()).isIn(202, 303);
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isBetween(400, 499);
        }
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
                "multipart/form-data", "application/json", "application/vnd.api+json", "text/plain", "");
    }

    @Provide
    Arbitrary<String> formText() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("message", "email", "phone", "name", "_redirect", "_honeypot", "%", "%zz", "%E2%82",
                        "+", "=", "&", "+44 7700 900123", "a@b.co", "http%3A%2F%2Fx"));
        return token.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> json() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.of("07700 900123", "+1 650 555 1234", "x@y.z", "not email").map(s -> (Object) s));
        Arbitrary<String> keys = Arbitraries.of("message", "email", "phone", "name", "subject", "_redirect", "other");
        return Arbitraries.maps(keys, Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(3).map(l -> (Object) new JsonArray(l))))
                .ofMaxSize(6).map(m -> new JsonObject(new java.util.LinkedHashMap<>(m)).encode());
    }
}
