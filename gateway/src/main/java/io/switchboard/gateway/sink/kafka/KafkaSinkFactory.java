package io.switchboard.gateway.sink.kafka;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.ContactSinkFactory;
import io.switchboard.spi.sink.SinkInitContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code kafka} sink type: one record per contact on a topic, keyed so that one customer's contacts stay in
 * order on one partition. See {@link KafkaSink}.
 */
public final class KafkaSinkFactory implements ContactSinkFactory {

    /** Producer settings the sink owns: setting them under {@code properties} is refused. */
    static final Set<String> OWNED = Set.of("bootstrap.servers", "acks", "enable.idempotence", "key.serializer",
            "value.serializer", "transactional.id", "delivery.timeout.ms", "request.timeout.ms", "max.block.ms",
            "linger.ms", "compression.type", "max.request.size", "client.id", "security.protocol", "sasl.mechanism",
            "sasl.jaas.config", "max.in.flight.requests.per.connection", "retries");

    private static final ConfigSpec SASL = ConfigSpec.of(
            ConfigKey.oneOf("mechanism", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512").defaultValue("PLAIN")
                    .doc("SASL mechanism, with `securityProtocol` `SASL_SSL` or `SASL_PLAINTEXT`."),
            ConfigKey.string("username").doc("SASL user name."),
            ConfigKey.secret("password").doc("SASL password."));

    /** The declared keys. */
    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("bootstrapServers").required().validate(Validator.<String>of(
                            s -> s.matches("^[A-Za-z0-9._\\[\\]:-]+:\\d{1,5}(,\\s*[A-Za-z0-9._\\[\\]:-]+:\\d{1,5})*$"),
                            "must be host:port[,host:port…]"))
                    .doc("Brokers to bootstrap from, `host:port[,host:port…]`."),
            ConfigKey.string("topic").required().validate(Validator.<String>of(
                            s -> s.matches("^[A-Za-z0-9._-]{1,249}$") && !s.equals(".") && !s.equals(".."),
                            "must be a Kafka topic name: 1-249 letters, digits, '.', '_' or '-'"))
                    .doc("Topic the contacts are written to. Create it beforehand (partitions, replication factor "
                            + "at least 3 with `min.insync.replicas` 2 in production)."),
            ConfigKey.string("clientId").doc("Producer client id; default `switchboard-<sink name>`."),
            ConfigKey.oneOf("compression", "none", "gzip").defaultValue("none")
                    .doc("Record batch compression."),
            ConfigKey.duration("linger").defaultValue("5ms").validate(Validator.<Duration>of(
                            d -> !d.isNegative() && d.compareTo(Duration.ofSeconds(1)) <= 0, "must be between 0ms and 1s"))
                    .doc("How long the producer waits to fill a record batch."),
            ConfigKey.duration("deliveryTimeout").defaultValue("20s").validate(Validator.<Duration>of(
                            d -> d.compareTo(Duration.ofSeconds(2)) >= 0 && d.compareTo(Duration.ofMinutes(10)) <= 0,
                            "must be between 2s and 10m"))
                    .doc("How long the producer keeps retrying a record before the delivery counts as failed (and the "
                            + "outbox retries it later). Keep it below `delivery.attemptTimeout`."),
            ConfigKey.integer("maxRecordBytes").defaultValue(1_048_576).validate(Validator.between(1024, 100_000_000))
                    .doc("Largest record the producer sends (`max.request.size`); a larger contact becomes a dead letter. "
                            + "The broker's `message.max.bytes` must allow it."),
            ConfigKey.oneOf("securityProtocol", "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
                    .defaultValue("PLAINTEXT").doc("How the producer talks to the brokers."),
            ConfigKey.object("sasl", SASL).validate(KafkaSinkFactory::checkSasl).doc("SASL credentials."),
            ConfigKey.bool("redeliveryCheck").defaultValue(true)
                    .doc("Before sending a delivery that may have been tried before (attempt 2 or later, or created more "
                            + "than two `deliveryTimeout`s ago, as a replayed dead letter), look for its contact id on the "
                            + "topic and skip the send when an earlier attempt's record is there."),
            ConfigKey.duration("redeliveryCheckWindow").defaultValue("24h").validate(Validator.positiveDuration())
                    .doc("How far back the redelivery check reads the topic (from the delivery's first attempt, at most "
                            + "this long ago)."),
            ConfigKey.map("properties").validate(KafkaSinkFactory::checkProperties)
                    .doc("More producer settings (`ssl.truststore.location`, `batch.size`, …), string values. Settings the "
                            + "sink owns (acks, idempotence, serializers, timeouts) and secrets cannot be set here."));

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Writes one record per contact to a Kafka topic with an idempotent producer (`acks=all`): key = "
                + "conversation, else customer, else party key (one customer's contacts stay in order on one partition); "
                + "value = the contact JSON; headers carry the ids, schema version, channel and trace id.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    private static List<ConfigProblem> checkSasl(String path, Object value) {
        ConfigValues v = (ConfigValues) value;
        List<ConfigProblem> out = new ArrayList<>();
        if (v.getString("username") != null && v.getString("password") == null) {
            out.add(ConfigProblem.invalid(path + ".password", "is required with sasl.username", null));
        }
        if (v.getString("username") == null && v.getString("password") != null) {
            out.add(ConfigProblem.invalid(path + ".username", "is required with sasl.password", null));
        }
        return out;
    }

    private static List<ConfigProblem> checkProperties(String path, Object value) {
        JsonObject o = (JsonObject) value;
        List<ConfigProblem> out = new ArrayList<>();
        for (String k : o.fieldNames()) {
            Object v = o.getValue(k);
            String lower = k.toLowerCase(Locale.ROOT);
            if (OWNED.contains(k)) {
                out.add(ConfigProblem.invalid(path + "." + k, "is set by the sink and cannot be overridden", null));
            } else if (lower.contains("password") || lower.contains("jaas") || lower.contains("secret")) {
                out.add(ConfigProblem.invalid(path + "." + k, "secrets are not allowed in configuration files; use sasl.password",
                        null));
            } else if (v instanceof JsonObject || v instanceof JsonArray || v == null) {
                out.add(ConfigProblem.invalid(path + "." + k, "must be a string, number or boolean", null));
            }
        }
        return out;
    }

    @Override
    public Future<ContactSink> create(SinkInitContext context) {
        ConfigValues v = context.config();
        Duration delivery = v.getDuration("deliveryTimeout");
        Map<String, Object> props = new LinkedHashMap<>();
        JsonObject extra = v.getJson("properties");
        if (extra != null) {
            extra.forEach(e -> props.put(e.getKey(), String.valueOf(e.getValue())));
        }
        props.put("bootstrap.servers", v.getString("bootstrapServers"));
        props.put("client.id", v.findString("clientId").orElse("switchboard-" + context.name()));
        props.put("security.protocol", v.getString("securityProtocol"));
        ConfigValues sasl = v.getObject("sasl");
        if (sasl.getString("username") != null) {
            props.put("sasl.mechanism", sasl.getString("mechanism"));
            props.put("sasl.jaas.config", jaas(sasl.getString("mechanism"), sasl.getString("username"),
                    sasl.getString("password")));
        }
        KafkaSink.Settings settings = new KafkaSink.Settings(v.getString("topic"), v.getString("compression"),
                v.getDuration("linger"), delivery, v.getInt("maxRecordBytes"), v.getBoolean("redeliveryCheck"),
                v.getDuration("redeliveryCheckWindow"));
        try {
            return Future.succeededFuture(KafkaSink.create(context.vertx(), context.name(), props, settings,
                    context.clock()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    static String jaas(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + quote(user) + "\" password=\"" + quote(password) + "\";";
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
