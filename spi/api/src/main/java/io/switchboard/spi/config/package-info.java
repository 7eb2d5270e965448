/**
 * Declarative configuration: a component declares its keys once in a {@link io.switchboard.spi.config.ConfigSpec}
 * (key, type, default or required, validator, documentation); the gateway validates the user's YAML against
 * it before anything starts, reports every problem at once with its key path, and hands the component
 * typed {@link io.switchboard.spi.config.ConfigValues}. The same declaration generates the configuration
 * reference documentation.
 */
package io.switchboard.spi.config;
