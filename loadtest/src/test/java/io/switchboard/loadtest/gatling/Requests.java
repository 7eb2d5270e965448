package io.switchboard.loadtest.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.switchboard.loadtest.traffic.Kind;
import io.switchboard.loadtest.traffic.SignedRequest;
import io.switchboard.loadtest.traffic.Traffic;

import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The Gatling side of generated traffic: a virtual user holds one {@link SignedRequest} in its session and
 * sends it exactly as built (bytes and headers), checking the answer the provider expects.
 */
public final class Requests {

    /** The session key of the request being sent. */
    public static final String REQUEST = "switchboardRequest";

    private Requests() {
    }

    /**
     * @param traffic the generator
     * @param kind    what to generate
     * @return a step that puts a fresh request of that kind in the session
     */
    public static ChainBuilder fresh(Traffic traffic, Kind kind) {
        return exec(session -> session.set(REQUEST, traffic.next(kind)));
    }

    /**
     * @param session a session
     * @return the request it holds
     */
    public static SignedRequest request(Session session) {
        return session.get(REQUEST);
    }

    /**
     * @param name the request name in the report
     * @param kind the kind of the request the session holds
     * @return the HTTP request, with the checks a healthy gateway passes: the provider's expected status; for
     * a CRC, the correct {@code response_token}; for a form, the stored contact's id
     */
    public static HttpRequestActionBuilder send(String name, Kind kind) {
        HttpRequestActionBuilder b = http(name).httpRequest(kind == Kind.X_CRC ? "GET" : "POST",
                (Function<Session, String>) s -> request(s).target());
        for (String header : kind.headerNames()) {
            b = b.header(header, s -> request(s).header(header));
        }
        if (kind != Kind.X_CRC) {
            b = b.body(ByteArrayBody(s -> request(s).body()));
        }
        b = b.check(status().is(kind.expectedStatus()));
        if (kind == Kind.X_CRC) {
            b = b.check(jsonPath("$.response_token").is(s -> request(s).expectedToken()));
        } else if (kind == Kind.FORM) {
            b = b.check(jsonPath("$.id").exists());
        }
        return b;
    }

    /**
     * @param traffic the generator
     * @param kind    the kind
     * @return generate one request of that kind and send it, named by the kind's id
     */
    public static ChainBuilder one(Traffic traffic, Kind kind) {
        return fresh(traffic, kind).exec(send(kind.id(), kind));
    }

    /**
     * @param params the parameters
     * @return the HTTP protocol: the gateway's base URL, no warm-up call to the internet, no caching, and a
     * shared connection pool unless {@code shareConnections=false}
     */
    public static HttpProtocolBuilder protocol(Params params) {
        HttpProtocolBuilder p = http.baseUrl(params.baseUrl()).disableWarmUp().disableCaching().disableFollowRedirect();
        return params.shareConnections() ? p.shareConnections() : p;
    }
}
