package io.switchboard.gateway.channel.webform;

import io.switchboard.gateway.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The web-form channel through a real gateway: every body type, and every way a submission is refused. */
class WebFormChannelTest {

    @TempDir
    static Path dir;
    static TestGateway gw;
    private static int seq;

    @BeforeAll
    static void start() throws Exception {
        JsonObject form = new JsonObject().put("type", "web-form").put("perClientLimit", 0).put("defaultRegion", "GB")
                .put("honeypotField", "website")
                .put("allowedOrigins", new JsonArray().add("https://www.example.com"))
                .put("maxBodyBytes", 8192)
                .put("requiredFields", new JsonArray().add("message"));
        JsonObject open = new JsonObject().put("type", "web-form").put("perClientLimit", 0);
        gw = TestGateway.start(dir, new JsonObject().put("channels", new JsonObject().put("contact", form)
                .put("open", open)), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    private String marker;

    @BeforeEach
    void uniqueMarker() {
        marker = "m" + (++seq) + "-" + System.nanoTime();
    }

    private int storedWithKey(String key) throws Exception {
        return gw.get("/api/contacts?providerEventId=" + key).bodyAsJsonObject().getInteger("count");
    }

    private int storedTotal() throws Exception {
        return gw.get("/api/contacts?limit=1000").bodyAsJsonObject().getInteger("count");
    }

    @Test
    void urlEncodedFormShouldBeAcceptedAndNormalised() throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/x-www-form-urlencoded",
                "name=Jane+Doe&email=+Jane.Doe%2Bshop%40Example.COM+&phone=07700+900123&subject=Refund"
                        + "&message=My+order+%23123+never+arrived&company=Acme&interest=a&interest=b");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
        String id = r.bodyAsJsonObject().getString("id");
        JsonObject c = gw.awaitProcessed(id);
        assertThat(c.getString("kind")).isEqualTo("form");
        assertThat(c.getString("visibility")).isEqualTo("private");
        JsonObject sender = c.getJsonObject("sender");
        assertThat(sender.getString("displayName")).isEqualTo("Jane Doe");
        assertThat(sender.getJsonObject("email").getString("address")).isEqualTo("jane.doe+shop@example.com");
        assertThat(sender.getJsonObject("email").getString("assurance")).isEqualTo("self-asserted");
        assertThat(sender.getJsonObject("phone").getString("e164")).isEqualTo("+447700900123");
        assertThat(sender.getJsonObject("phone").getString("raw")).isEqualTo("07700 900123");
        assertThat(c.getJsonObject("content").getString("text")).isEqualTo("My order #123 never arrived");
        assertThat(c.getJsonObject("content").getString("subject")).isEqualTo("Refund");
        JsonObject extra = c.getJsonObject("attributes").getJsonObject("form");
        assertThat(extra.getString("company")).isEqualTo("Acme");
        assertThat(extra.getJsonArray("interest")).containsExactly("a", "b");
        assertThat(c.getJsonObject("raw").getString("contentType")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void rawPayloadShouldBeKeptByteForByte() throws Exception {
        String body = "message=" + marker + "&name=%C3%A4%C3%B6%C3%A5";
        String id = gw.post("/webhooks/contact", "application/x-www-form-urlencoded", body).bodyAsJsonObject()
                .getString("id");
        HttpResponse<Buffer> raw = gw.get("/api/contacts/" + id + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body().getBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(gw.get("/api/contacts/" + id).bodyAsJsonObject().getJsonObject("sender").getString("displayName"))
                .isEqualTo("äöå");
    }

    @Test
    void multipartFormShouldBeAcceptedWithItsFile() throws Exception {
        String boundary = "----sbBoundary" + marker;
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"message\"\r\n\r\n" + marker + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"email\"\r\n\r\njane@example.com\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"receipt\"; filename=\"receipt.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nOrder 123, total 10.00\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "multipart/form-data; boundary=" + boundary, body);
        assertThat(r.statusCode()).isEqualTo(202);
        JsonObject c = gw.awaitProcessed(r.bodyAsJsonObject().getString("id"));
        assertThat(c.getJsonObject("content").getString("text")).isEqualTo(marker);
        JsonObject att = c.getJsonObject("content").getJsonArray("attachments").getJsonObject(0);
        assertThat(att.getString("filename")).isEqualTo("receipt.txt");
        assertThat(att.getString("contentType")).isEqualTo("text/plain");
        assertThat(att.getInteger("size")).isEqualTo(22);
        assertThat(att.getString("providerId")).isEqualTo("multipart:receipt");
    }

    @Test
    void jsonBodyShouldBeAccepted() throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/json", new JsonObject()
                .put("name", "Bob").put("phone", "+1 (650) 555-1234").put("message", marker).put("age", 42)
                .put("meta", new JsonObject().put("utm", "ad")).encode());
        assertThat(r.statusCode()).isEqualTo(202);
        JsonObject c = gw.awaitProcessed(r.bodyAsJsonObject().getString("id"));
        assertThat(c.getJsonObject("sender").getJsonObject("phone").getString("e164")).isEqualTo("+16505551234");
        JsonObject extra = c.getJsonObject("attributes").getJsonObject("form");
        assertThat(extra.getString("age")).isEqualTo("42");
        assertThat(extra.getJsonObject("meta").getString("utm")).isEqualTo("ad");
    }

    @Test
    void filledHoneypotShouldBeRejectedAndNotStored() throws Exception {
        int before = storedTotal();
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/x-www-form-urlencoded",
                "message=" + marker + "&website=http%3A%2F%2Fspam.example");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("honeypot");
        assertThat(storedTotal()).isEqualTo(before);
    }

    @Test
    void disallowedOriginShouldBeForbiddenAndNotStored() throws Exception {
        int before = storedTotal();
        HttpResponse<Buffer> r = gw.send(HttpMethod.POST, "/webhooks/contact", Map.of("Content-Type",
                "application/x-www-form-urlencoded", "Origin", "https://evil.example"), Buffer.buffer("message=x"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(storedTotal()).isEqualTo(before);
    }

    @Test
    void disallowedRefererShouldBeForbidden() throws Exception {
        HttpResponse<Buffer> r = gw.send(HttpMethod.POST, "/webhooks/contact", Map.of("Content-Type",
                "application/x-www-form-urlencoded", "Referer", "https://evil.example/contact"), Buffer.buffer("message=x"));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void allowedOriginShouldGetCorsHeaders() throws Exception {
        HttpResponse<Buffer> r = gw.send(HttpMethod.POST, "/webhooks/contact", Map.of("Content-Type",
                "application/x-www-form-urlencoded", "Origin", "https://www.example.com"),
                Buffer.buffer("message=" + marker));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://www.example.com");
    }

    @Test
    void corsPreflightShouldBeAnsweredForAllowedOriginsOnly() throws Exception {
        HttpResponse<Buffer> ok = gw.send(HttpMethod.OPTIONS, "/webhooks/contact",
                Map.of("Origin", "https://www.example.com", "Access-Control-Request-Method", "POST"), null);
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.getHeader("Access-Control-Allow-Methods")).contains("POST");
        HttpResponse<Buffer> no = gw.send(HttpMethod.OPTIONS, "/webhooks/contact",
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"), null);
        assertThat(no.statusCode()).isEqualTo(403);
    }

    @Test
    void oversizeBodyShouldGet413AndNotBeStored() throws Exception {
        int before = storedTotal();
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/x-www-form-urlencoded",
                "message=" + "x".repeat(9000));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(storedTotal()).isEqualTo(before);
    }

    @Test
    void malformedJsonShouldGet400() throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/json", "{\"message\": \"unterminated");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("malformed-json");
    }

    @Test
    void jsonArrayBodyShouldGet400() throws Exception {
        assertThat(gw.post("/webhooks/contact", "application/json", "[1,2]").statusCode()).isEqualTo(400);
    }

    @Test
    void deeplyNestedJsonShouldGet400() throws Exception {
        String deep = "{\"message\":\"x\",\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/json", deep);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("json-too-deep");
    }

    @Test
    void tooManyUrlEncodedFieldsShouldGet400AndNotBeStored() throws Exception {
        StringBuilder body = new StringBuilder("message=many-fields-" + marker);
        for (int i = 0; i < 250; i++) {
            body.append("&f").append(i).append("=v");
        }
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/x-www-form-urlencoded", body.toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("too-many-fields");
        assertThat(gw.get("/api/contacts?channel=contact&limit=200").bodyAsString()).doesNotContain("many-fields-" + marker);
    }

    @Test
    void tooManyMultipartPartsShouldGet400() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            body.append("--abc\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
        }
        body.append("--abc--\r\n");
        HttpResponse<Buffer> r = gw.post("/webhooks/open", "multipart/form-data; boundary=abc", body.toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("too-many-fields");
    }

    @Test
    void malformedMultipartShouldGet400() throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "multipart/form-data; boundary=abc",
                "--abc\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nno closing boundary");
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void multipartWithoutBoundaryShouldGet400() throws Exception {
        assertThat(gw.post("/webhooks/contact", "multipart/form-data", "message=x").statusCode()).isEqualTo(400);
    }

    @Test
    void badPercentEncodingShouldGet400() throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/x-www-form-urlencoded", "message=%zz");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("malformed-form");
    }

    @Test
    void unsupportedMediaTypeShouldGet415() throws Exception {
        assertThat(gw.post("/webhooks/contact", "text/plain", "hello").statusCode()).isEqualTo(415);
    }

    @Test
    void missingRequiredFieldShouldGet400NamingIt() throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/x-www-form-urlencoded", "name=Jane");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo("field 'message' is required");
    }

    @Test
    void impossiblePhoneNumberShouldGet400() throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/x-www-form-urlencoded",
                "message=x&phone=12");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("detail")).contains("'phone'").doesNotContain("12");
    }

    @Test
    void invalidEmailShouldGet400() throws Exception {
        assertThat(gw.post("/webhooks/contact", "application/x-www-form-urlencoded", "message=x&email=not-an-email")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void emptyFormShouldGet400() throws Exception {
        assertThat(gw.post("/webhooks/open", "application/x-www-form-urlencoded", "").statusCode()).isEqualTo(400);
    }

    @Test
    void redirectShouldBeHonouredOnAnAllowedOrigin() throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/x-www-form-urlencoded",
                "message=" + marker + "&_redirect=https%3A%2F%2Fwww.example.com%2Fthanks");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.getHeader("Location")).isEqualTo("https://www.example.com/thanks");
        assertThat(gw.get("/api/contacts?limit=1").bodyAsJsonObject().getJsonArray("contacts").getJsonObject(0)
                .getJsonObject("content").getString("text")).isEqualTo(marker);
    }

    @Test
    void redirectToAnotherOriginShouldGet400AndNotBeStored() throws Exception {
        int before = storedTotal();
        HttpResponse<Buffer> r = gw.post("/webhooks/contact", "application/x-www-form-urlencoded",
                "message=x&_redirect=https%3A%2F%2Fevil.example%2F");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(storedTotal()).isEqualTo(before);
    }

    @Test
    void repeatedIdempotencyKeyShouldReturnTheFirstContact() throws Exception {
        Map<String, String> h = Map.of("Content-Type", "application/x-www-form-urlencoded", "Idempotency-Key", marker);
        String first = gw.send(HttpMethod.POST, "/webhooks/contact", h, Buffer.buffer("message=one"))
                .bodyAsJsonObject().getString("id");
        HttpResponse<Buffer> again = gw.send(HttpMethod.POST, "/webhooks/contact", h, Buffer.buffer("message=one"));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(first);
        assertThat(storedWithKey(marker)).isEqualTo(1);
    }

    @Test
    void getShouldNotBeAllowedOnAFormChannel() throws Exception {
        assertThat(gw.get("/webhooks/contact").statusCode()).isEqualTo(405);
    }

    @Test
    void unknownChannelShouldGet404() throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/nope", "application/json", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unknown-channel");
    }

    @Test
    void metricsShouldCountAcceptedAndRejectedByReason() throws Exception {
        gw.post("/webhooks/open", "application/json", "{\"message\":\"" + marker + "\"}");
        gw.post("/webhooks/open", "application/json", "{broken");
        gw.post("/webhooks/nope", "application/json", "{}");
        String m = gw.metrics();
        assertThat(metric(m, "switchboard_contacts_accepted_total{channel=\"open\",kind=\"form\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric(m, "switchboard_requests_rejected_total{channel=\"open\",reason=\"malformed-json\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric(m, "switchboard_requests_rejected_total{channel=\"_unknown\",reason=\"unknown-channel\"}")).isGreaterThanOrEqualTo(1);
        assertThat(m).contains("switchboard_webhook_latency_seconds_bucket{channel=\"open\"");
        assertThat(m).contains("jvm_memory_used_bytes");
        assertThat(m).contains("vertx_http_server_requests_total");
        // The embedded store's group commit: at least the accepted form's transaction, none empty.
        double commits = metric(m, "switchboard_store_commits_total");
        assertThat(commits).isGreaterThanOrEqualTo(1);
        assertThat(metric(m, "switchboard_store_committed_writes_total")).isGreaterThanOrEqualTo(commits);
        // Where the writer's time went: some running that write, some committing it (its fsync at least).
        assertThat(metric(m, "switchboard_store_batch_seconds_sum{phase=\"execute\"}")).isPositive();
        assertThat(metric(m, "switchboard_store_batch_seconds_sum{phase=\"commit\"}")).isPositive();
        assertThat(metric(m, "switchboard_store_batch_seconds_count{phase=\"commit\"}")).isGreaterThanOrEqualTo(1);
    }

    static double metric(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in /metrics");
    }
}
