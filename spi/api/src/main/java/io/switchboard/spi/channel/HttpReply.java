package io.switchboard.spi.channel;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer to a provider: status, headers and body. Immutable.
 *
 * @param status  the HTTP status
 * @param headers response headers; never null
 * @param body    the body; never null (empty for no body)
 */
public record HttpReply(int status, Map<String, String> headers, Buffer body) {

    /** Canonical constructor; copies headers. */
    public HttpReply {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599, but was " + status);
        }
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? Buffer.buffer() : body;
    }

    /**
     * @param status a status
     * @return an answer with no body
     */
    public static HttpReply empty(int status) {
        return new HttpReply(status, Map.of(), Buffer.buffer());
    }

    /**
     * @param status      a status
     * @param contentType the content type
     * @param body        the body text (UTF-8)
     * @return the answer
     */
    public static HttpReply text(int status, String contentType, String body) {
        return new HttpReply(status, Map.of("Content-Type", Objects.requireNonNull(contentType)), Buffer.buffer(body));
    }

    /**
     * @param status a status
     * @param body   a JSON object
     * @return the answer, {@code application/json}
     */
    public static HttpReply json(int status, JsonObject body) {
        return new HttpReply(status, Map.of("Content-Type", "application/json"), body.toBuffer());
    }

    /**
     * @param status a status
     * @param body   a JSON array
     * @return the answer, {@code application/json}
     */
    public static HttpReply json(int status, JsonArray body) {
        return new HttpReply(status, Map.of("Content-Type", "application/json"), body.toBuffer());
    }

    /**
     * @param location where to send the browser
     * @return a 303 See Other
     */
    public static HttpReply redirect(String location) {
        return new HttpReply(303, Map.of("Location", Objects.requireNonNull(location)), Buffer.buffer());
    }

    /**
     * @param name  a header name
     * @param value its value
     * @return a copy with the header set
     */
    public HttpReply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpReply(status, h, body);
    }
}
