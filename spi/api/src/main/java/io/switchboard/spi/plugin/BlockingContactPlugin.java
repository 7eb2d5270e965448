package io.switchboard.spi.plugin;

import io.switchboard.spi.contact.Contact;
import io.vertx.core.Future;

/**
 * A plugin that blocks (a legacy SDK, JDBC). The gateway runs {@link #applyBlocking} on a bounded worker
 * pool, never on an event loop; the step's time limit and breaker apply as for any plugin.
 */
public interface BlockingContactPlugin extends ContactPlugin {

    /**
     * Processes one contact, blocking if it must. Called on a worker thread.
     *
     * @param contact the contact
     * @param context the call context
     * @return the decision; never null
     * @throws Exception any failure, handled by the step's failure policy
     */
    PluginResult applyBlocking(Contact contact, PluginContext context) throws Exception;

    /**
     * Runs {@link #applyBlocking} with {@code executeBlocking} on the context's Vert.x. The gateway does not
     * call this; it dispatches blocking plugins to its own bounded pool. Provided so a blocking plugin can
     * also be called directly (for instance from the test kit).
     *
     * @param contact the contact
     * @param context the call context
     * @return the decision
     */
    @Override
    default Future<PluginResult> apply(Contact contact, PluginContext context) {
        return context.vertx().executeBlocking(() -> applyBlocking(contact, context), false);
    }
}
