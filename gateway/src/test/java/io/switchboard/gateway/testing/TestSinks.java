package io.switchboard.gateway.testing;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.ContactSinkFactory;
import io.switchboard.spi.sink.Delivery;
import io.switchboard.spi.sink.DeliveryResult;
import io.switchboard.spi.sink.SinkInitContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A controllable in-memory sink type ({@code type: test}) for delivery tests: a test sets, per sink name,
 * what each delivery returns (or that calls hang), and reads back every delivery attempted. Not registered
 * with ServiceLoader: pass {@code SinkRegistry.of(List.of(new TestSinks()))}.
 */
public final class TestSinks implements ContactSinkFactory {

    /** What each named test sink does; default: deliver. */
    public static final Map<String, Function<Delivery, DeliveryResult>> BEHAVIOUR = new ConcurrentHashMap<>();
    /** Sinks whose calls never complete. */
    public static final java.util.Set<String> HANGING = ConcurrentHashMap.newKeySet();
    /** Every delivery attempted, per sink name. */
    public static final Map<String, List<Delivery>> ATTEMPTS = new ConcurrentHashMap<>();
    /** Every delivery that succeeded, per sink name, in delivery order. */
    public static final Map<String, List<Delivery>> DELIVERED = new ConcurrentHashMap<>();

    /** Resets all state. */
    public static void reset() {
        BEHAVIOUR.clear();
        HANGING.clear();
        ATTEMPTS.clear();
        DELIVERED.clear();
    }

    @Override
    public String type() {
        return "test";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(ConfigKey.bool("ordered").defaultValue(false).doc("Promise per-conversation order."),
                ConfigKey.secret("token").doc("An optional secret, to test missing secrets."));
    }

    @Override
    public Future<ContactSink> create(SinkInitContext ctx) {
        String name = ctx.name();
        boolean ordered = ctx.config().getBoolean("ordered");
        return Future.succeededFuture(new ContactSink() {
            @Override
            public Future<List<DeliveryResult>> deliver(List<Delivery> batch) {
                ATTEMPTS.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).addAll(batch);
                if (HANGING.contains(name)) {
                    return Promise.<List<DeliveryResult>>promise().future();
                }
                Function<Delivery, DeliveryResult> f = BEHAVIOUR.getOrDefault(name, d -> DeliveryResult.delivered("ext-" + d.id()));
                List<DeliveryResult> out = batch.stream().map(f).toList();
                for (int i = 0; i < batch.size(); i++) {
                    if (out.get(i) instanceof DeliveryResult.Delivered) {
                        DELIVERED.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(batch.get(i));
                    }
                }
                return Future.succeededFuture(out);
            }

            @Override
            public boolean ordered() {
                return ordered;
            }
        });
    }
}
