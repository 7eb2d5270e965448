package io.switchboard.plugin.redaction;

import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.plugin.PluginInitContext;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Just enough of an init context to create the plugin from validated configuration, without Vert.x. */
record MinimalInitContext(ConfigValues config) implements PluginInitContext {
    @Override
    public Vertx vertx() {
        return null;
    }

    @Override
    public String chain() {
        return "test";
    }

    @Override
    public String step() {
        return "redaction";
    }

    @Override
    public Path configDirectory() {
        return Path.of(".");
    }

    @Override
    public PhoneNumbers phoneNumbers() {
        return null;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }
}
