package io.switchboard.gateway.internal;

import io.switchboard.spi.SpiVersion;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Indexes extension factories (channel adapters, sinks, plugins) by name, with the checks every kind needs:
 * the SPI version each was built for, and no two with one name.
 */
public final class Extensions {

    private Extensions() {
    }

    /**
     * @param kind       what the factories make, for messages: {@code channel type}, {@code sink type}, …
     * @param factories  the factories found
     * @param name       a factory's name
     * @param spiVersion the SPI version a factory was built for
     * @param <F>        the factory type
     * @return the factories by name, sorted
     * @throws IllegalStateException naming both versions when one was built for an incompatible SPI, or both
     *                               classes when two share a name
     */
    public static <F> Map<String, F> index(String kind, List<F> factories, Function<F, String> name,
                                           Function<F, String> spiVersion) {
        Map<String, F> map = new TreeMap<>();
        for (F f : factories) {
            String built = spiVersion.apply(f);
            if (!SpiVersion.isCompatible(built, SpiVersion.CURRENT)) {
                throw new IllegalStateException(kind + " '" + name.apply(f) + "' (" + f.getClass().getName()
                        + ") was built for SPI " + built + ", but this gateway runs SPI " + SpiVersion.CURRENT);
            }
            F previous = map.putIfAbsent(name.apply(f), f);
            if (previous != null) {
                throw new IllegalStateException("two extensions declare " + kind + " '" + name.apply(f) + "': "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return map;
    }
}
