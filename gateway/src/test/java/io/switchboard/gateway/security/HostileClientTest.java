package io.switchboard.gateway.security;

import io.switchboard.gateway.testing.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Slow, oversized and malformed clients at the socket level, and TLS. */
class HostileClientTest {

    @TempDir
    static Path dir;
    static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir, new JsonObject()
                .put("server", new JsonObject().put("requestTimeout", "500ms").put("maxHeaderCount", 20)
                        .put("maxHeaderBytes", 4096))
                .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form").put("perClientLimit", 0))), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    private static String exchange(String request, long waitMs) throws Exception {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (waitMs > 0) {
                Thread.sleep(waitMs);
            }
            InputStream in = s.getInputStream();
            byte[] buf = in.readNBytes(4096);
            return new String(buf, StandardCharsets.ISO_8859_1);
        } catch (SocketException e) {
            return "";
        }
    }

    @Test
    void slowHeadersShouldGetTheConnectionClosed() throws Exception {
        long start = System.nanoTime();
        String answer = exchange("POST /webhooks/web HTTP/1.1\r\nHost: x\r\nX-Slow: ", 0);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(answer).isEmpty();
        assertThat(ms).as("closed by the request timeout, not the 5 s socket timeout").isLessThan(4000);
    }

    @Test
    void slowSecondRequestOnAKeptAliveConnectionShouldGetTheConnectionClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] first = new byte[1024];
            int n = in.read(first);
            assertThat(new String(first, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            long start = System.nanoTime();
            // Dribble the next head a byte at a time, faster than the read-idle timeout.
            String head = "POST /webhooks/web HTTP/1.1\r\nHost: x\r\n";
            boolean closed = false;
            for (int i = 0; i < head.length() && !closed; i++) {
                try {
                    out.write(head.charAt(i));
                    out.flush();
                    Thread.sleep(100);
                } catch (SocketException e) {
                    closed = true;
                }
                if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) > 4000) {
                    break;
                }
            }
            if (!closed) {
                closed = in.read() == -1;
            }
            assertThat(closed).as("connection closed before the head was complete").isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4000);
        }
    }

    @Test
    void slowBodyShouldGet408() throws Exception {
        String answer = exchange("POST /webhooks/web HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"message\":", 0);
        assertThat(answer).startsWith("HTTP/1.1 408");
    }

    @Test
    void tooManyHeadersShouldGet431() throws Exception {
        StringBuilder req = new StringBuilder("POST /webhooks/web HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 30; i++) {
            req.append("X-H").append(i).append(": v\r\n");
        }
        req.append("Content-Length: 0\r\n\r\n");
        assertThat(exchange(req.toString(), 0)).startsWith("HTTP/1.1 431");
    }

    @Test
    void oversizedHeaderBlockShouldBeRefused() throws Exception {
        String answer = exchange("POST /webhooks/web HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(8000)
                + "\r\nContent-Length: 0\r\n\r\n", 0);
        assertThat(answer).startsWith("HTTP/1.1 431");
    }

    @Test
    void garbageRequestLineShouldGet400() throws Exception {
        assertThat(exchange("\u0001\u0002 nonsense\r\n\r\n", 0)).matches("(?s)HTTP/1\\.[01] 400 .*");
    }

    @Test
    void tlsShouldServeThePublicListener(@TempDir Path tlsDir) throws Exception {
        Path cert = Path.of(HostileClientTest.class.getResource("/tls/cert.pem").toURI());
        Path key = Path.of(HostileClientTest.class.getResource("/tls/key.pem").toURI());
        try (TestGateway tls = TestGateway.start(tlsDir, new JsonObject()
                .put("server", new JsonObject().put("tlsCertPath", cert.toString()).put("tlsKeyPath", key.toString()))
                .put("channels", new JsonObject().put("web", new JsonObject().put("type", "web-form").put("perClientLimit", 0))), Map.of())) {
            Vertx v = Vertx.vertx();
            WebClient client = WebClient.create(v, new WebClientOptions().setSsl(true)
                    .setTrustOptions(new PemTrustOptions().addCertPath(cert.toString())).setVerifyHost(false));
            try {
                var r = client.post(tls.port(), "localhost", "/webhooks/web").sendJsonObject(
                        new JsonObject().put("message", "over tls")).toCompletionStage().toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(202);
            } finally {
                client.close();
                v.close();
            }
        }
    }
}
