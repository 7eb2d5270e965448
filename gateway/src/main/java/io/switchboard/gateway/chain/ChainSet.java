package io.switchboard.gateway.chain;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ProcessingStatus;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One generation of chains: what was built from one configuration (at start or by a reload), with the plugin
 * class loaders it uses. Contacts that started on a generation finish on it; a retired generation closes its
 * plugins once its last in-flight contact is done (the executor then closes its class loaders).
 */
final class ChainSet {

    final long generation;
    final Instant loadedAt;
    final ChainsConfig config;
    final Map<String, Chain> chains;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean retired;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final io.vertx.core.Promise<Void> closedPromise = io.vertx.core.Promise.promise();

    ChainSet(long generation, Instant loadedAt, ChainsConfig config, Map<String, Chain> chains) {
        this.generation = generation;
        this.loadedAt = loadedAt;
        this.config = config;
        this.chains = chains;
    }

    /**
     * @param channelId a channel id
     * @return the chain its new contacts run: its own, else {@code default} (always present, possibly empty)
     */
    Chain forChannel(String channelId) {
        Chain c = chains.get(channelId);
        return c != null ? c : chains.get(ChainsConfig.DEFAULT);
    }

    /**
     * @param contact a contact
     * @return where to run it: a parked contact resumes at its parked step of its chain; anything else (or a
     *         parked contact whose step is no longer configured) runs its channel's chain from the start
     */
    Position position(Contact contact) {
        if (contact.processing().status() == ProcessingStatus.PARKED) {
            Chain c = contact.processing().chain() == null ? null : chains.get(contact.processing().chain());
            int i = c == null || contact.processing().nextStep() == null ? -1 : c.indexOf(contact.processing().nextStep());
            if (i >= 0) {
                return new Position(c, i, true);
            }
            return new Position(forChannel(contact.channel().id()), 0, false);
        }
        return new Position(forChannel(contact.channel().id()), 0, false);
    }

    /** Where a contact runs: a chain and the first step. */
    record Position(Chain chain, int from, boolean resumed) {
    }

    /**
     * @param chain a chain name
     * @param step  a step name
     * @return the step, or null
     */
    Step step(String chain, String step) {
        Chain c = chains.get(chain);
        if (c == null) {
            return null;
        }
        int i = c.indexOf(step);
        return i < 0 ? null : c.steps.get(i);
    }

    /** @return every step of every chain */
    List<Step> steps() {
        List<Step> out = new ArrayList<>();
        chains.values().forEach(c -> out.addAll(c.steps));
        return out;
    }

    /** @return true when the caller may run a contact on this generation (then it must call {@link #release}) */
    boolean acquire() {
        inFlight.incrementAndGet();
        if (retired) {
            release();
            return false;
        }
        return true;
    }

    /** Ends one contact's run on this generation. */
    void release() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            closeOnce();
        }
    }

    /** @return contacts running on this generation now */
    int inFlight() {
        return inFlight.get();
    }

    /**
     * Retires the generation: no new contact starts on it; its plugins close when the in-flight ones finish.
     *
     * @return completion of the close
     */
    Future<Void> retire() {
        retired = true;
        if (inFlight.get() == 0) {
            closeOnce();
        }
        return closedPromise.future();
    }

    /** Closes the plugins now (gateway stop, or a generation that never served). */
    Future<Void> closeNow() {
        retired = true;
        closeOnce();
        return closedPromise.future();
    }

    private void closeOnce() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Future<Void>> closes = new ArrayList<>();
        steps().forEach(s -> closes.add(s.close()));
        // The plugin class loaders are closed by the executor, off the event loop (closing jars is file I/O).
        Future.join(closes).onComplete(ar -> closedPromise.tryComplete());
    }
}
