package io.switchboard.spi;

import java.util.Objects;

/**
 * The version of this SPI, {@code major.minor}.
 *
 * <p>A plugin or channel adapter reports the SPI version it was compiled against by returning
 * {@link #CURRENT} from its factory's {@code spiVersion()} method. Because {@code CURRENT} is a
 * compile-time constant, {@code javac} copies its value into the plugin's own class file: the value the
 * gateway reads at load time is the one the plugin was built with, not the gateway's.
 *
 * <p>Compatibility rule: a plugin built for {@code M.m} loads in a gateway whose SPI is {@code M.n}
 * with {@code n >= m}. Minor versions only add; a major version change may remove or change.
 */
public final class SpiVersion {

    /** The SPI version of this jar. */
    public static final String CURRENT = "1.0";

    private SpiVersion() {
    }

    /**
     * Whether a component built against {@code built} can run on an SPI of version {@code running}.
     *
     * @param built   the version the component was compiled against, e.g. {@code "1.0"}
     * @param running the version of the SPI the gateway runs, normally {@link #CURRENT}
     * @return true when compatible
     * @throws IllegalArgumentException when either version is not {@code major.minor}
     */
    public static boolean isCompatible(String built, String running) {
        int[] b = parse(built);
        int[] r = parse(running);
        return b[0] == r[0] && b[1] <= r[1];
    }

    private static int[] parse(String version) {
        Objects.requireNonNull(version, "version");
        String[] parts = version.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("SPI version must be major.minor, but was '" + version + "'");
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SPI version must be major.minor, but was '" + version + "'", e);
        }
    }
}
