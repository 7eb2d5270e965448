package io.switchboard.loadtest.sign;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The WhatsApp Node.js SDK's vector (PROTOCOLS.md 2.2): app secret {@code TEST_APP_SECRET}, body {@code test}. */
class MetaSignatureTest {

    @Test
    void shouldSignTheSdksVector() {
        assertThat(MetaSignature.sign256("TEST_APP_SECRET", "test".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221");
    }

    @Test
    void shouldSignTheEscapedBytesNotTheDecodedText() {
        byte[] escaped = "{\"text\":\"\\u00e4\\u00f6\\u00e5\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] decoded = "{\"text\":\"äöå\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(MetaSignature.sign256("TEST_APP_SECRET", escaped))
                .isNotEqualTo(MetaSignature.sign256("TEST_APP_SECRET", decoded));
    }
}
