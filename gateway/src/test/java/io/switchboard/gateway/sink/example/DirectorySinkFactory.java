package io.switchboard.gateway.sink.example;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.contact.ContactJson;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.ContactSinkFactory;
import io.switchboard.spi.sink.Delivery;
import io.switchboard.spi.sink.DeliveryResult;
import io.switchboard.spi.sink.SinkInitContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An example sink type, {@code directory}: writes each contact as one JSON file, named after the contact id, into
 * a drop folder that another system picks up. Uses only the SPI and Vert.x.
 */
public final class DirectorySinkFactory implements ContactSinkFactory {

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("directory").required()
                    .doc("Folder the contacts are written to, one `<contact id>.json` file each."),
            ConfigKey.integer("maxBytes").defaultValue(1_048_576).validate(Validator.between(1, 100_000_000))
                    .doc("A contact whose JSON is larger is refused for good (a dead letter)."));

    @Override
    public String type() {
        return "directory";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Writes each contact as a JSON file into a drop folder.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Future<ContactSink> create(SinkInitContext ctx) {
        Path dir = ctx.configDirectory().resolve(ctx.config().getString("directory"));
        FileSystem fs = ctx.vertx().fileSystem();
        // A target that is not there yet must not stop the gateway: deliveries wait in the outbox.
        return fs.mkdirs(dir.toString()).recover(e -> Future.succeededFuture())
                .map(v -> new DirectorySink(fs, dir, ctx.config().getInt("maxBytes")));
    }

    /** Called on an event loop: every file operation is Vert.x's non-blocking file system. */
    static final class DirectorySink implements ContactSink {

        private final FileSystem fs;
        private final Path dir;
        private final int maxBytes;
        private volatile boolean closed;

        DirectorySink(FileSystem fs, Path dir, int maxBytes) {
            this.fs = fs;
            this.dir = dir;
            this.maxBytes = maxBytes;
        }

        @Override
        public Future<List<DeliveryResult>> deliver(List<Delivery> batch) {
            if (closed) {
                return Future.failedFuture(new IllegalStateException("sink closed"));
            }
            List<Future<DeliveryResult>> each = new ArrayList<>();
            for (Delivery d : batch) {
                each.add(write(d));
            }
            // One result per delivery, in the batch's order.
            return Future.join(each).map(v -> each.stream().map(Future::result).toList());
        }

        private Future<DeliveryResult> write(Delivery d) {
            String key = d.idempotencyKey();
            if (!key.matches("^[A-Za-z0-9-]{1,64}$")) {
                return Future.succeededFuture(DeliveryResult.failed("contact id is not a safe file name"));
            }
            Buffer json = ContactJson.toJson(d.contact()).toBuffer();
            if (json.length() > maxBytes) {
                return Future.succeededFuture(DeliveryResult.failed("contact larger than maxBytes"));
            }
            String target = dir.resolve(key + ".json").toString();
            String partial = dir.resolve("." + key + ".partial").toString();
            // Idempotent: the file is named after the contact id, and appears whole (written aside, then moved).
            return fs.exists(target).compose(there -> there
                            ? Future.succeededFuture(DeliveryResult.delivered(key + ".json"))
                            : fs.writeFile(partial, json)
                            .compose(v -> fs.move(partial, target, new CopyOptions().setReplaceExisting(true)
                                    .setAtomicMove(true)))
                            .map(v -> DeliveryResult.delivered(key + ".json")))
                    // Anything else (folder missing, disk full) is transient: the outbox tries again later.
                    .otherwise(e -> DeliveryResult.retry(e.getClass().getSimpleName(), null));
        }

        @Override
        public Future<Void> close() {
            closed = true;
            return Future.succeededFuture();
        }
    }
}
