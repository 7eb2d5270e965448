package io.switchboard.gateway.channel;

import io.switchboard.gateway.internal.Extensions;
import io.switchboard.spi.channel.ChannelAdapterFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The channel types available: every {@link ChannelAdapterFactory} found with {@link ServiceLoader}. Two
 * factories with one type, or one built for an incompatible SPI, fail start-up.
 */
public final class ChannelRegistry {

    private final Map<String, ChannelAdapterFactory> byType;

    private ChannelRegistry(Map<String, ChannelAdapterFactory> byType) {
        this.byType = byType;
    }

    /**
     * Discovers factories on a class loader.
     *
     * @param loader the class loader to search
     * @return the registry
     * @throws IllegalStateException naming both classes when two factories share a type, or naming both
     *                               versions when a factory was built for an incompatible SPI
     */
    public static ChannelRegistry discover(ClassLoader loader) {
        List<ChannelAdapterFactory> found = new ArrayList<>();
        ServiceLoader.load(ChannelAdapterFactory.class, loader).forEach(found::add);
        return of(found);
    }

    /**
     * A registry of the given factories.
     *
     * @param factories the factories
     * @return the registry
     */
    public static ChannelRegistry of(List<ChannelAdapterFactory> factories) {
        Map<String, ChannelAdapterFactory> map = Extensions.index("channel type", factories, ChannelAdapterFactory::type,
                ChannelAdapterFactory::spiVersion);
        return new ChannelRegistry(map);
    }

    /**
     * @param type a channel type
     * @return its factory, if any
     */
    public Optional<ChannelAdapterFactory> factory(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** @return the known types, sorted */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }
}
