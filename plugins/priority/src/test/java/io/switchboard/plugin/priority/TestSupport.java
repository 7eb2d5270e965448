package io.switchboard.plugin.priority;

import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.SecretResolver;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.plugin.PluginResult;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the plugin synchronously without Vert.x (it needs none when its services answer at once). */
final class TestSupport {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private TestSupport() {
    }

    static ContactPlugin plugin(JsonObject config, Map<String, String> tiers) {
        ConfigValues v = PriorityPluginFactory.SPEC.validate(config, SecretResolver.none()).orThrow("test");
        CustomerDirectory dir = new TierDirectory(tiers);
        return new PriorityPluginFactory().create(new PluginInitContext() {
            public Vertx vertx() { return null; }
            public String chain() { return "test"; }
            public String step() { return "priority"; }
            public ConfigValues config() { return v; }
            public Path configDirectory() { return Path.of("."); }
            public PhoneNumbers phoneNumbers() { return null; }
            public Clock clock() { return Clock.fixed(NOW, ZoneOffset.UTC); }
            @SuppressWarnings("unchecked")
            public <T> Optional<T> service(Class<T> type) {
                return type == CustomerDirectory.class ? Optional.of((T) dir) : Optional.empty();
            }
        });
    }

    static Contact run(ContactPlugin plugin, Contact c) {
        Future<PluginResult> f = plugin.apply(c, new PluginContext() {
            public Vertx vertx() { return null; }
            public String chain() { return "test"; }
            public String step() { return "priority"; }
            public Clock clock() { return Clock.fixed(NOW, ZoneOffset.UTC); }
        });
        if (!f.isComplete()) {
            throw new AssertionError("the plugin did not complete synchronously");
        }
        return ((PluginResult.Proceed) f.result()).contact();
    }

    /** A directory that knows customers' tiers only. */
    record TierDirectory(Map<String, String> tiers) implements CustomerDirectory {
        public Future<List<CustomerRecord>> findByIdentifier(String tenant, Identifier identifier) {
            return Future.succeededFuture(List.of());
        }
        public Future<CustomerRecord> get(String tenant, String id) {
            return Future.succeededFuture(tiers.containsKey(id) ? new CustomerRecord(tenant, id, null, tiers.get(id), List.of()) : null);
        }
        public Future<Void> upsert(CustomerRecord customer) {
            return Future.failedFuture("read-only");
        }
        public Future<LinkRecord> record(LinkRecord record, List<Identifier> identifiers) {
            return Future.failedFuture("read-only");
        }
        public Future<List<LinkRecord>> decisionsFor(String tenant, String contactId) {
            return Future.succeededFuture(List.of());
        }
    }
}
