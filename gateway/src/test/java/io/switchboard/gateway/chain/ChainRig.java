package io.switchboard.gateway.chain;

import io.switchboard.gateway.delivery.SinkRegistry;
import io.switchboard.gateway.internal.GatewayServices;
import io.switchboard.gateway.testing.TestGateway;
import io.switchboard.gateway.testing.TestSinks;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway with a web-form channel {@code web} (and {@code other}), a test sink {@code chain-crm}, the
 * {@link ScriptedPlugin}, and the chains a test gives; helpers to post contacts and wait for their chains.
 */
final class ChainRig implements AutoCloseable {

    static final SinkRegistry SINKS = SinkRegistry.of(List.of(new TestSinks()));
    static final List<ContactPluginFactory> PLUGINS = List.of(new ScriptedPlugin());

    final TestGateway gw;
    private final Path dir;

    private ChainRig(TestGateway gw, Path dir) {
        this.gw = gw;
        this.dir = dir;
    }

    /** Channels {@code web}, {@code other} and one web-form channel per chain named after a channel. */
    static JsonObject config(JsonObject chains) {
        JsonObject channels = new JsonObject()
                .put("web", new JsonObject().put("type", "web-form").put("perClientLimit", 0).put("channelLimitPerSecond", 0))
                .put("other", new JsonObject().put("type", "web-form").put("perClientLimit", 0).put("channelLimitPerSecond", 0));
        for (String name : chains.fieldNames()) {
            if (!"default".equals(name)) {
                channels.put(name, new JsonObject().put("type", "web-form").put("perClientLimit", 0).put("channelLimitPerSecond", 0));
            }
        }
        return new JsonObject().put("channels", channels).put("chains", chains)
                .put("sinks", new JsonObject().put("chain-crm", new JsonObject().put("type", "test")))
                .put("delivery", new JsonObject().put("defaultSinks", new JsonArray().add("chain-crm"))
                        .put("pollInterval", "50ms"));
    }

    static JsonObject chain(JsonObject... steps) {
        JsonArray arr = new JsonArray();
        for (JsonObject s : steps) {
            arr.add(s);
        }
        return new JsonObject().put("steps", arr);
    }

    /** A scripted step named {@code name} driven by the control of the same name. */
    static JsonObject scripted(String name) {
        return new JsonObject().put("plugin", "scripted").put("name", name)
                .put("config", new JsonObject().put("control", name).put("tag", name));
    }

    static ChainRig start(Path dir, JsonObject chains) throws Exception {
        return start(dir, config(chains), GatewayServices.none());
    }

    static ChainRig start(Path dir, JsonObject config, GatewayServices services) throws Exception {
        return start(dir, config, services, PLUGINS);
    }

    static ChainRig start(Path dir, JsonObject config, GatewayServices services, List<ContactPluginFactory> plugins)
            throws Exception {
        return new ChainRig(TestGateway.start(dir, config, Map.of(), SINKS, plugins, services), dir);
    }

    /** @return the id of a new contact posted to channel {@code web} */
    String post(String text) throws Exception {
        return post("web", text);
    }

    String post(String channel, String text) throws Exception {
        HttpResponse<Buffer> r = gw.post("/webhooks/" + channel, "application/json",
                new JsonObject().put("message", text).encode());
        if (r.statusCode() != 202) {
            throw new AssertionError("post answered " + r.statusCode() + ": " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("id");
    }

    /** Posts many contacts at once (without waiting between them) and returns their ids. */
    List<String> postConcurrently(int n, String text) throws Exception {
        return postConcurrently("web", n, text);
    }

    List<String> postConcurrently(String channel, int n, String text) throws Exception {
        List<Future<HttpResponse<Buffer>>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(gw.client().post("/webhooks/" + channel).putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer(new JsonObject().put("message", text + " " + i).encode())));
        }
        List<String> ids = new ArrayList<>();
        for (Future<HttpResponse<Buffer>> f : fs) {
            HttpResponse<Buffer> r = f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (r.statusCode() != 202) {
                throw new AssertionError("post answered " + r.statusCode() + ": " + r.bodyAsString());
            }
            ids.add(r.bodyAsJsonObject().getString("id"));
        }
        return ids;
    }

    JsonObject contact(String id) throws Exception {
        return gw.get("/api/contacts/" + id).bodyAsJsonObject();
    }

    static String status(JsonObject contact) {
        return contact.getJsonObject("processing").getString("status");
    }

    /** Waits until the contact's status is the one given. */
    JsonObject await(String id, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonObject c = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<Buffer> r = gw.get("/api/contacts/" + id);
            if (r.statusCode() == 200) {
                c = r.bodyAsJsonObject();
                if (status.equals(status(c))) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("contact " + id + " did not reach status " + status + " within 20 s; last: "
                + (c == null ? null : c.getJsonObject("processing")));
    }

    JsonObject chains() throws Exception {
        return gw.get("/api/chains").bodyAsJsonObject();
    }

    /** @return the step's entry in GET /api/chains */
    JsonObject step(String chain, String step) throws Exception {
        for (Object c : chains().getJsonArray("chains")) {
            JsonObject co = (JsonObject) c;
            if (co.getString("name").equals(chain)) {
                for (Object s : co.getJsonArray("steps")) {
                    if (((JsonObject) s).getString("name").equals(step)) {
                        return (JsonObject) s;
                    }
                }
            }
        }
        throw new AssertionError("no step " + chain + "." + step + " in " + chains().encode());
    }

    HttpResponse<Buffer> reload() throws Exception {
        return gw.send(io.vertx.core.http.HttpMethod.POST, "/api/chains/reload", Map.of(), null);
    }

    void rewrite(JsonObject chains) throws Exception {
        gw.writeConfig(config(chains));
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        gw.close();
    }
}
