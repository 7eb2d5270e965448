package io.switchboard.gateway.testing;

import io.switchboard.gateway.config.EnvSecretResolver;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.sink.ContactSink;
import io.switchboard.spi.sink.ContactSinkFactory;
import io.switchboard.spi.sink.SinkInitContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a sink outside a gateway, from a configuration mapping validated by the factory's own spec (as the
 * gateway does at start-up).
 */
public final class SinkContexts {

    private SinkContexts() {
    }

    /**
     * @param vertx   Vert.x
     * @param factory the sink type
     * @param name    the sink name
     * @param config  the sink's keys (without {@code type})
     * @param env     environment variables for {@code ${env:…}} references
     * @return the started sink
     * @throws Exception when the configuration is invalid or the sink cannot start
     */
    public static ContactSink start(Vertx vertx, ContactSinkFactory factory, String name, JsonObject config,
                                    Map<String, String> env) throws Exception {
        ConfigValues values = factory.configSpec().validate(config, new EnvSecretResolver(env, Path.of(".")))
                .orThrow("sinks." + name);
        SinkInitContext ctx = new SinkInitContext() {
            @Override
            public Vertx vertx() {
                return vertx;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public ConfigValues config() {
                return values;
            }

            @Override
            public Path configDirectory() {
                return Path.of(".");
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
        return factory.create(ctx).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /**
     * @param vertx   Vert.x
     * @param factory the sink type
     * @param name    the sink name
     * @param config  the sink's keys
     * @return the started sink
     * @throws Exception when it cannot start
     */
    public static ContactSink start(Vertx vertx, ContactSinkFactory factory, String name, JsonObject config)
            throws Exception {
        return start(vertx, factory, name, config, Map.of());
    }
}
