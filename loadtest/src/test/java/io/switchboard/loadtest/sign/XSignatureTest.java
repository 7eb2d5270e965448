package io.switchboard.loadtest.sign;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** twitterdev/autohook's vectors (PROTOCOLS.md 1.2), consumer secret {@code test}, and the CRC vector of 1.2. */
class XSignatureTest {

    @Test
    void shouldSignAutohooksFormBodyVector() {
        assertThat(XSignature.sign("test", "test=1&other_test=2".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc=");
    }

    @Test
    void shouldSignAutohooksJsonBodyVector() {
        assertThat(XSignature.sign("test", "{\"test_number\":1,\"test_string\":\"two\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=YWHphPn/JFq43jkF0y4/w8R/SelmLjvpunhVFY8JhlI=");
    }

    @Test
    void shouldAnswerACrcChallenge() {
        assertThat(XSignature.crcResponseToken("consumer-secret", "crc-token-123"))
                .isEqualTo("sha256=pqNVCku98klY+uShlb3Xa/LIgd2B2xq7EveP37yRYOI=");
    }
}
