package io.switchboard.gateway.channel.vonage;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** PROTOCOLS.md 4.1: the official vonage-jwt-jdk test vectors, and the token checks around them. */
class VonageJwtTest {

    static final String VECTOR_SECRET = "0c15c425fe48dd59dab5fb3eea57d528f405a71d78ae4998deacab4deeb02ca5";
    static final String VECTOR_INPUT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJzdWIiOiJhZG1pbiIsIm5hbWUiOiJTaW5hIiwiaWF0IjoxNjk4MjU4NjY3fQ";
    static final String VECTOR_TOKEN = VECTOR_INPUT + ".ZVSrJeaES6iaBOwd6vMk93my2gq1uCwDi3c7aCIMqa0";
    static final Instant VECTOR_IAT = Instant.ofEpochSecond(1698258667);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static boolean valid(String token, String secret, Instant now) {
        VonageJwt.Token t = VonageJwt.decode(token);
        return t != null && t.signedWith(secret.getBytes(StandardCharsets.UTF_8))
                && t.timesAcceptable(now, SKEW, MAX_AGE) == null;
    }

    @Test
    void officialVectorShouldBeValidWithTheSecretAsLiteralString() {
        assertThat(valid(VECTOR_TOKEN, VECTOR_SECRET, VECTOR_IAT.plusSeconds(1))).isTrue();
        VonageJwt.Token t = VonageJwt.decode(VECTOR_TOKEN);
        assertThat(t.claims()).isEqualTo(new JsonObject("{\"sub\":\"admin\",\"name\":\"Sina\",\"iat\":1698258667}"));
    }

    @Test
    void officialVectorShouldBeInvalidWithSecretWhoseEIsReplacedByF() {
        assertThat(valid(VECTOR_TOKEN, VECTOR_SECRET.replace('e', 'f'), VECTOR_IAT.plusSeconds(1))).isFalse();
    }

    @Test
    void officialVectorShouldBeInvalidWithTheOtherSignature() {
        assertThat(valid(VECTOR_INPUT + ".JYE9nZOm-ouJm75YB79ouwStFowe7jsEqNg1ehmmZmE", VECTOR_SECRET,
                VECTOR_IAT.plusSeconds(1))).isFalse();
    }

    @Test
    void officialVectorsShouldBeValidForTheirOwnSecrets() {
        assertThat(valid(VECTOR_INPUT + ".pZ2YiYpipVpf59vZgUHLYICJwhVISwBhy_q9WokKm2A",
                "decafea1deadbeef0123456789abcdef0123456789abcdef0123456789abcdef", VECTOR_IAT.plusSeconds(1))).isTrue();
        assertThat(valid(VECTOR_INPUT + ".YNz-ojcIge37-LwXjOY835p64iXKPR_iHzLnn1msR50",
                "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c", VECTOR_IAT.plusSeconds(1))).isTrue();
        assertThat(valid(VECTOR_INPUT + ".pZ2YiYpipVpf59vZgUHLYICJwhVISwBhy_q9WokKm2A", VECTOR_SECRET,
                VECTOR_IAT.plusSeconds(1))).isFalse();
    }

    @Test
    void secretShouldNotBeHexDecoded() {
        byte[] hexDecoded = java.util.HexFormat.of().parseHex(VECTOR_SECRET);
        assertThat(VonageJwt.decode(VECTOR_TOKEN).signedWith(hexDecoded)).isFalse();
    }

    @Test
    void officialVectorShouldBeStaleLongAfterItsIat() {
        assertThat(VonageJwt.decode(VECTOR_TOKEN).timesAcceptable(Instant.parse("2026-11-22T00:00:00Z"), SKEW, MAX_AGE))
                .isEqualTo("token-stale");
    }

    @Test
    void shouldRefuseAlgNoneAndOtherAlgorithms() {
        String claims = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"iat\":1698258667}".getBytes(StandardCharsets.UTF_8));
        for (String alg : new String[] {"none", "HS384", "HS512", "RS256", "hs256", ""}) {
            String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(VonageJwt.decode(header + "." + claims + ".ZVSrJeaES6iaBOwd6vMk93my2gq1uCwDi3c7aCIMqa0"))
                    .as(alg).isNull();
            assertThat(VonageJwt.decode(header + "." + claims + ".")).as(alg + " unsigned").isNull();
        }
        String signedNone = VonageTestTokens.jwt(VECTOR_SECRET, new JsonObject().put("alg", "none"),
                new JsonObject().put("iat", 1698258667));
        assertThat(VonageJwt.decode(signedNone)).isNull();
    }

    @Test
    void shouldRefuseCriticalHeaderExtensions() {
        String token = VonageTestTokens.jwt(VECTOR_SECRET, new JsonObject().put("alg", "HS256")
                .put("crit", new io.vertx.core.json.JsonArray().add("exp")).put("exp", 1), new JsonObject());
        assertThat(VonageJwt.decode(token)).isNull();
    }

    @Test
    void shouldRefuseMalformedTokens() {
        String[] parts = VECTOR_TOKEN.split("\\.");
        for (String bad : new String[] {"", ".", "..", "a.b", parts[0] + "." + parts[1], VECTOR_TOKEN + ".x",
                VECTOR_TOKEN + "=", parts[0] + "=." + parts[1] + "." + parts[2], parts[0] + ".." + parts[2],
                "e30.e30." + parts[2], "W10." + parts[1] + "." + parts[2], parts[0] + ".bm90IGpzb24." + parts[2],
                parts[0] + "." + parts[1] + "." + parts[2].substring(4), parts[0] + "." + parts[1] + ".+/+/",
                "x".repeat(VonageJwt.MAX_TOKEN_CHARS + 1)}) {
            assertThat(VonageJwt.decode(bad)).as(bad.length() > 60 ? bad.substring(0, 60) : bad).isNull();
        }
    }

    @Test
    void shouldEnforceExpNbfAndIatWithSkew() {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        long n = now.getEpochSecond();
        assertThat(times(new JsonObject().put("exp", n - 31), now)).isEqualTo("token-expired");
        assertThat(times(new JsonObject().put("exp", n - 29), now)).isNull();
        assertThat(times(new JsonObject().put("nbf", n + 31), now)).isEqualTo("token-not-yet-valid");
        assertThat(times(new JsonObject().put("nbf", n + 29), now)).isNull();
        assertThat(times(new JsonObject().put("iat", n + 31), now)).isEqualTo("token-from-future");
        assertThat(times(new JsonObject().put("iat", n + 29), now)).isNull();
        assertThat(times(new JsonObject().put("iat", n - 300 - 31), now)).isEqualTo("token-stale");
        assertThat(times(new JsonObject().put("iat", n - 300 - 29), now)).isNull();
        assertThat(times(new JsonObject().put("iat", (double) n - 10.5), now)).isNull();
        assertThat(times(new JsonObject(), now)).isNull();
    }

    @Test
    void shouldRefuseTimeClaimsThatAreNotNumbers() {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        for (String claim : new String[] {"exp", "nbf", "iat"}) {
            assertThat(times(new JsonObject().put(claim, String.valueOf(now.getEpochSecond())), now)).isEqualTo("token-malformed");
            assertThat(times(new JsonObject().put(claim, true), now)).isEqualTo("token-malformed");
            assertThat(times(new JsonObject().putNull(claim), now)).isEqualTo("token-malformed");
            assertThat(times(new JsonObject().put(claim, 1e300), now)).isEqualTo("token-malformed");
        }
    }

    private static String times(JsonObject claims, Instant now) {
        return new VonageJwt.Token(new JsonObject(), claims, new byte[0], new byte[32]).timesAcceptable(now, SKEW, MAX_AGE);
    }
}
