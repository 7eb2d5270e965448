package io.switchboard.spi.plugin;

import io.switchboard.spi.config.ConfigSpec;

/**
 * Creates plugins of one type. Discovered with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.switchboard.spi.plugin.ContactPluginFactory}. Needs a public no-argument
 * constructor.
 *
 * <p>The gateway validates each chain step's configuration against {@link #configSpec()} before it
 * serves, reporting every problem with its key path; {@link #create} receives only valid configuration.
 */
public interface ContactPluginFactory {

    /**
     * @return the plugin type name used in chain configuration ({@code plugin: business-hours}); lower
     *         case, digits and {@code -}; unique among loaded plugins
     */
    String name();

    /**
     * The SPI version this plugin was compiled against. Implement it as
     * {@code return SpiVersion.CURRENT;}: the constant is inlined at compile time, which is how the
     * gateway learns the version you built with.
     *
     * @return the SPI version
     */
    String spiVersion();

    /** @return a one-line description, for {@code GET /api/chains} and the docs */
    default String description() {
        return "";
    }

    /** @return the configuration this plugin takes */
    ConfigSpec configSpec();

    /**
     * @return true when the plugin blocks and must run on the worker pool; a step can also be marked
     *         blocking in configuration
     */
    default boolean blocking() {
        return false;
    }

    /**
     * Creates the plugin for one chain step. Called on an event loop or at start-up; must not block for
     * long (read small seed files only).
     *
     * @param context the step's validated configuration and the gateway's services
     * @return the plugin
     * @throws io.switchboard.spi.config.ConfigException for configuration problems the spec cannot
     *                                                   express (cross-field rules)
     */
    ContactPlugin create(PluginInitContext context);
}
