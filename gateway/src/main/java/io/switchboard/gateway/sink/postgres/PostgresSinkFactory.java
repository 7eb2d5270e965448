package io.switchboard.gateway.sink.postgres;

import io.switchboard.gateway.config.StoreConfig;
import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.ContactSinkFactory;
import io.switchboard.spi.sink.SinkInitContext;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code postgres} sink type: contacts, customers, identities and conversations in a schema of their own,
 * created and upgraded at start-up. See {@link PostgresSink}.
 */
public final class PostgresSinkFactory implements ContactSinkFactory {

    /** The declared keys: the connection keys of {@code store.postgres}, a schema of its own, and the pool. */
    public static final ConfigSpec SPEC = spec();

    private static ConfigSpec spec() {
        List<ConfigKey> keys = new ArrayList<>();
        for (ConfigKey k : StoreConfig.PostgresConfig.SPEC.keys()) {
            if (!k.name().equals("schema") && !k.name().equals("poolSize")) {
                keys.add(k);
            }
        }
        keys.add(ConfigKey.string("schema").defaultValue("switchboard").validate(Validator.<String>of(
                        s -> s.matches("^[a-z_][a-z0-9_]{0,62}$"), "must be a lower-case SQL identifier"))
                .doc("Schema holding the sink's tables (`contacts`, `customers`, `identities`, `contact_identities`, "
                        + "`conversations`), created and migrated at start-up. Keep it apart from `store.postgres.schema`."));
        keys.add(ConfigKey.integer("poolSize").defaultValue(4).validate(Validator.between(1, 100))
                .doc("Connections in the sink's pool."));
        keys.add(ConfigKey.duration("connectTimeout").defaultValue("5s").validate(Validator.positiveDuration())
                .doc("How long opening a connection may take before the attempt counts as failed (retried)."));
        return ConfigSpec.of(keys);
    }

    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Writes contacts, customers, identities and conversations to PostgreSQL tables in a schema of its own "
                + "(created and migrated at start-up), in batched, pipelined transactions; idempotent on the contact id.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Future<ContactSink> create(SinkInitContext context) {
        ConfigValues v = context.config();
        return PostgresSink.start(context.vertx(), context.name(), new PostgresSink.Settings(v.getString("host"),
                v.getInt("port"), v.getString("database"), v.getString("user"), v.getString("password"),
                v.getString("schema"), v.getInt("poolSize"), v.getDuration("connectTimeout"))).map(s -> s);
    }
}
