package io.switchboard.loadtest.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * After a benchmark run, counts through the read API ({@code GET /api/contacts?channel=…}, paged) the contacts
 * of the run (their provider event ids contain the run id) and checks that every acknowledged request is
 * stored, each once, and nothing that was not sent: {@code acknowledged <= stored <= issued} and no event id
 * twice. Prints one {@code stored=… distinct=…} line; exits 1 when the check fails.
 *
 * <p>Usage: {@code StoredCheck <admin-url> <channel> <run-id> <acknowledged> <issued>}
 */
public final class StoredCheck {

    private StoredCheck() {
    }

    /**
     * @param args see the class documentation
     * @throws Exception when the read API cannot be read
     */
    public static void main(String[] args) throws Exception {
        String admin = args[0];
        String channel = args[1];
        String run = args[2];
        long acknowledged = Long.parseLong(args[3]);
        long issued = Long.parseLong(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = System.getenv("SWITCHBOARD_ADMIN_TOKEN");
        Set<String> ids = new HashSet<>();
        long stored = 0;
        long foreign = 0;
        String before = null;
        do {
            String url = admin + "/api/contacts?limit=1000&channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                    + (before == null ? "" : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8));
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
            if (token != null && !token.isBlank()) {
                req.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("read API answered " + resp.statusCode() + " for " + url);
            }
            JsonObject page = new JsonObject(resp.body());
            JsonArray contacts = page.getJsonArray("contacts");
            for (int i = 0; i < contacts.size(); i++) {
                String eventId = contacts.getJsonObject(i).getJsonObject("provider").getString("eventId");
                if (eventId != null && eventId.contains(run)) {
                    stored++;
                    ids.add(eventId);
                } else {
                    foreign++;
                }
            }
            before = page.getString("next");
        } while (before != null);
        boolean ok = acknowledged <= ids.size() && ids.size() <= issued && ids.size() == stored;
        System.out.println("stored=" + stored + " distinct=" + ids.size() + " acknowledged=" + acknowledged
                + " issued=" + issued + " other-runs=" + foreign + " check=" + (ok ? "ok" : "FAILED"));
        if (!ok) {
            System.exit(1);
        }
    }
}
