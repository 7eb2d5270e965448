package io.switchboard.loadtest.traffic;

import java.util.List;
import java.util.Map;

/**
 * One provider request, ready to send: exactly the bytes and headers the provider would send, signed.
 * Sending it again unchanged is what a provider's retry looks like.
 *
 * @param kind          what it is
 * @param channel       the channel id it is sent to
 * @param method        {@code POST} or {@code GET}
 * @param target        path and query, e.g. {@code /webhooks/lt-sms}
 * @param headers       the headers, names as in {@link Kind#headerNames()}
 * @param body          the raw body (empty for a GET)
 * @param eventIds      the provider event ids it carries (one contact each); empty for a CRC
 * @param expectedToken for a CRC, the {@code response_token} a correct answer carries; else null
 */
public record SignedRequest(Kind kind, String channel, String method, String target, Map<String, String> headers,
                            byte[] body, List<String> eventIds, String expectedToken) {

    /**
     * @param name a header name
     * @return its value, or "" when absent (Gatling needs a value for every declared header)
     */
    public String header(String name) {
        String v = headers.get(name);
        return v == null ? "" : v;
    }
}
