package io.switchboard.gateway.delivery;

import io.switchboard.gateway.internal.Extensions;
import io.switchboard.spi.sink.ContactSinkFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The sink types available: every {@link ContactSinkFactory} found with {@link ServiceLoader}. Two factories
 * with one type, or one built for an incompatible SPI, fail start-up.
 */
public final class SinkRegistry {

    private final Map<String, ContactSinkFactory> byType;

    private SinkRegistry(Map<String, ContactSinkFactory> byType) {
        this.byType = byType;
    }

    /**
     * @param loader the class loader to search
     * @return the registry
     */
    public static SinkRegistry discover(ClassLoader loader) {
        List<ContactSinkFactory> found = new ArrayList<>();
        ServiceLoader.load(ContactSinkFactory.class, loader).forEach(found::add);
        return of(found);
    }

    /**
     * @param factories the factories
     * @return the registry
     */
    public static SinkRegistry of(List<ContactSinkFactory> factories) {
        Map<String, ContactSinkFactory> map = Extensions.index("sink type", factories, ContactSinkFactory::type,
                ContactSinkFactory::spiVersion);
        return new SinkRegistry(map);
    }

    /**
     * @param type a sink type
     * @return its factory, if any
     */
    public Optional<ContactSinkFactory> factory(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** @return the known types, sorted */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }
}
