package io.switchboard.gateway.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Objects;

/**
 * A raw webhook request, kept losslessly so any contact can be re-normalised or audited.
 *
 * @param id          the raw payload id (referenced by {@code Contact.raw().id()})
 * @param channelId   the channel it arrived on
 * @param receivedAt  when it arrived
 * @param method      the HTTP method
 * @param contentType the Content-Type header as sent; nullable
 * @param query       the raw query string; nullable
 * @param headers     the request headers, minus credentials (Authorization, Cookie, secret-token headers)
 * @param body        the body bytes exactly as received
 */
public record RawPayload(String id, String channelId, Instant receivedAt, String method, String contentType,
                         String query, JsonObject headers, Buffer body) {
    /** Canonical constructor; id, channel, time, method and body are required. */
    public RawPayload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(body, "body");
        headers = headers == null ? new JsonObject() : headers;
    }
}
