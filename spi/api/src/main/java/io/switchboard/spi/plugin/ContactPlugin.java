package io.switchboard.spi.plugin;

import io.switchboard.spi.contact.Contact;
import io.vertx.core.Future;

/**
 * A step of a plugin chain: reads a contact and enriches it or rejects it.
 *
 * <p><b>Threading:</b> {@link #apply} is called on a Vert.x event loop and must never block: do I/O with
 * Vert.x clients and return their futures. A plugin that must block implements
 * {@link BlockingContactPlugin} instead. One instance serves one chain step and may be called
 * concurrently for different contacts.
 *
 * <p><b>Failure:</b> a failed future, an exception, a {@code null} result or a call that does not
 * complete within the step's time limit all count as failures of the step; the step's failure policy
 * ({@code skip}, {@code retry-later} or {@code reject}) decides what happens to the contact. A plugin never
 * needs to protect the gateway from itself.
 *
 * <p><b>Lifecycle:</b> created by its {@link ContactPluginFactory} when the chain is built (at start and on
 * reload); {@link #close()} is called when the chain is replaced or the gateway stops, after in-flight
 * calls have finished.
 */
public interface ContactPlugin {

    /**
     * Processes one contact.
     *
     * @param contact the contact; never null
     * @param context the call context
     * @return the decision; never a null future
     */
    Future<PluginResult> apply(Contact contact, PluginContext context);

    /**
     * Releases resources (clients, timers).
     *
     * @return completion
     */
    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
