package io.switchboard.gateway.sink.example;

import io.switchboard.gateway.sink.ContactSinkContract;
import io.switchboard.gateway.testing.SinkContexts;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.sink.ContactSink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The example sink of docs/writing-a-sink.md passes the same contract as the built-in ones. */
class DirectorySinkContractTest extends ContactSinkContract {

    private Path root;
    private Path dir;
    private Path away;

    @Override
    protected void setUpTarget() throws Exception {
        root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "directory-sink-");
        dir = root.resolve("drop");
        away = root.resolve("away");
    }

    @Override
    protected ContactSink createSink(Vertx vertx) throws Exception {
        return SinkContexts.start(vertx, new DirectorySinkFactory(), "drop", new JsonObject()
                .put("directory", dir.toString()).put("maxBytes", 65_536));
    }

    @Override
    protected Map<String, Integer> recordsById() throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                out.merge(new JsonObject(Files.readString(f)).getString("id"), 1, Integer::sum);
            }
        }
        return out;
    }

    @Override
    protected Contact refusedByTarget(Contact c) {
        return c.toBuilder().content(c.content().withText("x".repeat(100_000))).build();
    }

    @Override
    protected void targetDown() throws Exception {
        Files.move(dir, away);
        Files.writeString(dir, "not a folder");
    }

    @Override
    protected void targetUp() throws Exception {
        Files.delete(dir);
        Files.move(away, dir);
    }
}
