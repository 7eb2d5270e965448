/**
 * The Switchboard service-provider interface: what plugin and channel-adapter authors compile against.
 *
 * <ul>
 *   <li>{@link io.switchboard.spi.contact} holds the one contact model every channel normalises into;</li>
 *   <li>{@link io.switchboard.spi.plugin} holds the contact-plugin SPI (identity, priority, redaction, …);</li>
 *   <li>{@link io.switchboard.spi.channel} holds the channel-adapter SPI (one per provider protocol);</li>
 *   <li>{@link io.switchboard.spi.config} holds the declarative configuration both of them use.</li>
 * </ul>
 *
 * <p>Everything here is either an immutable value or an interface. Implementations are discovered with
 * {@link java.util.ServiceLoader}. The SPI is versioned by {@link io.switchboard.spi.SpiVersion}.
 */
package io.switchboard.spi;
