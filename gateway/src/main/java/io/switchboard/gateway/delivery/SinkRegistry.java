package io.switchboard.gateway.delivery;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.sink.ContactSinkFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

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
        Map<String, ContactSinkFactory> map = new TreeMap<>();
        for (ContactSinkFactory f : factories) {
            if (!SpiVersion.isCompatible(f.spiVersion(), SpiVersion.CURRENT)) {
                throw new IllegalStateException("sink type '" + f.type() + "' (" + f.getClass().getName()
                        + ") was built for SPI " + f.spiVersion() + ", but this gateway runs SPI " + SpiVersion.CURRENT);
            }
            ContactSinkFactory previous = map.putIfAbsent(f.type(), f);
            if (previous != null) {
                throw new IllegalStateException("two sinks declare type '" + f.type() + "': "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
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
