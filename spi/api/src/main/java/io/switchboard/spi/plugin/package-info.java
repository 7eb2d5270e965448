/**
 * The contact-plugin SPI.
 *
 * <p>A plugin reads a {@link io.switchboard.spi.contact.Contact} and enriches it, or rejects it with a
 * reason. The gateway runs plugins in per-channel chains, each step wrapped in a rate limiter, a
 * bulkhead, a circuit breaker and a time limit. To write one:
 * <ol>
 *   <li>implement {@link io.switchboard.spi.plugin.ContactPlugin} (non-blocking, returns a Vert.x
 *       {@code Future}), or {@link io.switchboard.spi.plugin.BlockingContactPlugin} when it must block;</li>
 *   <li>implement {@link io.switchboard.spi.plugin.ContactPluginFactory}: a name, a
 *       {@link io.switchboard.spi.config.ConfigSpec}, and {@code create};</li>
 *   <li>list the factory in {@code META-INF/services/io.switchboard.spi.plugin.ContactPluginFactory}.</li>
 * </ol>
 * See {@code docs/writing-a-plugin.md}.
 */
package io.switchboard.spi.plugin;
