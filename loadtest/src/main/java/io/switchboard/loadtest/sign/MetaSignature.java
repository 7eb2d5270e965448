package io.switchboard.loadtest.sign;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Signs requests as Meta does ({@code X-Hub-Signature-256}, PROTOCOLS.md 2.2): {@code sha256=} and the
 * lower-case hex HMAC-SHA256 keyed with the app secret over the raw body.
 */
public final class MetaSignature {

    /** The header Meta sends. */
    public static final String HEADER = "X-Hub-Signature-256";

    private MetaSignature() {
    }

    /**
     * @param appSecret the app secret
     * @param body      the raw body as sent
     * @return the header value
     */
    public static String sign256(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(Hmac.mac("HmacSHA256",
                appSecret.getBytes(StandardCharsets.UTF_8), body));
    }
}
