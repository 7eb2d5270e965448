/**
 * Services the gateway offers plugins through {@code PluginInitContext.service(Class)}: state that lives in the
 * gateway's own store (the embedded database, or PostgreSQL when configured), so a plugin never manages its
 * own database and several gateway instances share it.
 *
 * <ul>
 *   <li>{@link io.switchboard.spi.service.CustomerDirectory}: customers, their identifiers, and the links and
 *       suggestions identity matching records (with evidence; undoable through the admin API);</li>
 *   <li>{@link io.switchboard.spi.service.Conversations}: cross-channel conversations per customer within a time
 *       window, with each channel's thread ids, and whether they were resolved.</li>
 * </ul>
 *
 * All methods are non-blocking; futures complete on the caller's context.
 */
package io.switchboard.spi.service;
