package io.switchboard.gateway.channel.email;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fixtures, signing and request building for the email channel tests (computed independently of the adapter). */
final class EmailFixtures {

    static final String URL = "https://hooks.example.com/webhooks/support-email";
    /** SendGrid posts with this boundary. */
    static final String SENDGRID_BOUNDARY = "xYzZY";
    static final String MAILGUN_BOUNDARY = "8d0a7e7c4b3f4e0fa1c2d3e4f5a6b7c8";

    static final String SG_USER = "sendgrid";
    static final String SG_PASSWORD = "parse-basic-pass-7731";
    static final String MAILGUN_KEY = "mailgun-fixture-signing-key-2291";

    /** The fixtures' signature triples. */
    static final String MG_TS = "1718031600";
    static final String MG_TOKEN = "4f0d6c1e9b2a87d3c5e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6";
    static final String MG_SIG = "71d27f84cea05d8826715b28cb86cec47f2fb9a1b8bdac70c7c220b9c52efb1e";
    static final String MG2_TS = "1718035200";
    static final String MG2_TOKEN = "a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5";
    static final String MG2_SIG = "41ea3ba6e81b957141bccdb6adc233fc534d8902d2e17030f79b0ed8babaae7d";

    private EmailFixtures() {
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant at) {
            now = at;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static AdapterHarness sendgrid(JsonObject sendgrid, Clock clock) {
        JsonObject config = new JsonObject().put("provider", "sendgrid").put("sendgrid", sendgrid);
        return AdapterHarness.of(new EmailAdapterFactory(), "support-email", config,
                Map.of("SG_PASSWORD", SG_PASSWORD), clock);
    }

    static AdapterHarness sendgridBasic() {
        return sendgrid(new JsonObject().put("username", SG_USER).put("password", "${env:SG_PASSWORD}"),
                Clock.systemUTC());
    }

    static AdapterHarness mailgun(Clock clock, JsonObject extra) {
        JsonObject config = new JsonObject().put("provider", "mailgun")
                .put("mailgun", new JsonObject().put("signingKey", "${env:MAILGUN_KEY}")).mergeIn(extra);
        return AdapterHarness.of(new EmailAdapterFactory(), "support-email", config,
                Map.of("MAILGUN_KEY", MAILGUN_KEY), clock);
    }

    /** A clock just before the fixture's timestamp (the adapter refuses timestamps from before it started). */
    static MutableClock clockBefore(String timestamp) {
        return new MutableClock(Instant.ofEpochSecond(Long.parseLong(timestamp)).minusSeconds(60));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static InboundRequest multipart(AdapterHarness h, String boundary, byte[] body, Map<String, String> headers) {
        AdapterHarness.RequestBuilder b = h.request(HttpMethod.POST, URL)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        headers.forEach(b::header);
        return b.body(body).build();
    }

    static InboundRequest sendgridPost(AdapterHarness h, byte[] body) {
        return multipart(h, SENDGRID_BOUNDARY, body, Map.of("Authorization", basic(SG_USER, SG_PASSWORD)));
    }

    static InboundRequest mailgunPost(AdapterHarness h, byte[] body) {
        return multipart(h, MAILGUN_BOUNDARY, body, Map.of());
    }

    static InboundRequest formPost(AdapterHarness h, String body) {
        return h.request(HttpMethod.POST, URL).header("Content-Type", "application/x-www-form-urlencoded")
                .body(body).build();
    }

    static String mailgunSign(String key, String timestamp, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A fixture's bytes with text replaced (the fixtures are ASCII outside their binary file parts). */
    static byte[] replace(byte[] body, String from, String to) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        assertThat(s).contains(from);
        return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The Mailgun fixture re-signed with a new timestamp and token. */
    static byte[] resigned(byte[] body, String oldTs, String oldToken, String oldSig, long ts, String token) {
        byte[] b = replace(body, oldSig, mailgunSign(MAILGUN_KEY, String.valueOf(ts), token));
        b = replace(b, oldToken, token);
        return new String(b, StandardCharsets.ISO_8859_1).contains("timestamp=" + oldTs)
                ? replace(b, "timestamp=" + oldTs, "timestamp=" + ts)
                : replace(b, "\r\n" + oldTs + "\r\n", "\r\n" + ts + "\r\n");
    }

    static byte[] bytes(String resource) {
        return Golden.bytes(resource);
    }

    /** Builds a multipart/form-data body. */
    static final class Form {
        private final String boundary;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form(String boundary) {
            this.boundary = boundary;
        }

        Form field(String name, String value) {
            return field(name, value.getBytes(StandardCharsets.UTF_8));
        }

        Form field(String name, byte[] value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
            out.writeBytes(value);
            write("\r\n");
            return this;
        }

        Form file(String name, String filename, String type, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(out.toByteArray());
            copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return copy.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void assertRejected(Runnable r, int status) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(RequestRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}
