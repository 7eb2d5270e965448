package io.switchboard.gateway.sink.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The credentials header of the http sink, built once from secrets resolved from the environment.
 * {@link #toString()} never shows the value.
 *
 * @param header the header name, or null for no authentication
 * @param value  the header value
 */
record HttpAuth(String header, String value) {

    static final HttpAuth NONE = new HttpAuth(null, null);

    static HttpAuth of(String type, String token, String username, String password, String apiKeyHeader) {
        return switch (type) {
            case "bearer" -> new HttpAuth("Authorization", "Bearer " + token);
            case "basic" -> new HttpAuth("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
            case "api-key" -> new HttpAuth(apiKeyHeader, token);
            default -> NONE;
        };
    }

    @Override
    public String toString() {
        return header == null ? "HttpAuth[none]" : "HttpAuth[" + header + ": ****]";
    }
}
