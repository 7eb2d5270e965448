package io.switchboard.gateway.pipeline;

import io.switchboard.gateway.metrics.GatewayMetrics;
import io.switchboard.gateway.store.ContactStore;
import io.switchboard.gateway.store.RawPayload;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ProcessingStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs accepted contacts through their processor after the provider has been answered, and stores the
 * result. Bounded: past {@code maxInFlight} contacts, new ones stay in the store (status {@code accepted})
 * and a sweep picks them up when there is room, as it does for contacts left unfinished by a crash.
 */
public final class ContactPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ContactPipeline.class);
    private static final int SWEEP_PAGE = 200;
    /** The sweep leaves contacts this young to whichever instance accepted them. */
    private static final java.time.Duration SWEEP_GRACE = java.time.Duration.ofSeconds(5);

    private final Vertx vertx;
    private final ContactStore store;
    private final ContactProcessor processor;
    private final GatewayMetrics metrics;
    private final int maxInFlight;
    private final java.util.function.Function<Contact, List<String>> sinksFor;
    private final java.util.function.Consumer<List<String>> deliveriesAdded;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean backlog = new AtomicBoolean();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** When the last sweep started (System.nanoTime); touched on the sweep timer's context only. */
    private volatile long lastSweepStarted = System.nanoTime();
    private long timerId = -1;

    /**
     * @param vertx       the Vert.x instance
     * @param store       the store
     * @param processor   the processor
     * @param metrics     the metrics
     * @param maxInFlight contacts processed at once
     * @param sinksFor    the sinks a processed contact is forwarded to
     * @param deliveriesAdded told which sinks got new deliveries
     */
    public ContactPipeline(Vertx vertx, ContactStore store, ContactProcessor processor, GatewayMetrics metrics,
                           int maxInFlight, java.util.function.Function<Contact, List<String>> sinksFor,
                           java.util.function.Consumer<List<String>> deliveriesAdded) {
        this.sinksFor = sinksFor;
        this.deliveriesAdded = deliveriesAdded;
        this.vertx = vertx;
        this.store = store;
        this.processor = processor;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Starts the periodic sweep and immediately resumes contacts left unfinished by an earlier run.
     */
    public void start() {
        backlog.set(true);
        timerId = vertx.setPeriodic(1, 1000, id -> sweep());
    }

    /** Stops the sweep. In-flight contacts finish; unfinished ones are resumed at the next start. */
    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** @return contacts being processed now */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * Durably accepts the contacts of one request. When none of them has a processing step to run (their
     * channel's chain is empty) they are stored processed, with their deliveries, in the same write: there is
     * nothing to {@link #submit} for them afterwards. Otherwise they are stored accepted, for {@link #submit}.
     *
     * @param raw      the raw request
     * @param contacts the request's contacts
     * @return how each was stored, in order; a new contact still to process is in state {@code accepted}
     */
    public Future<List<Accepted>> accept(RawPayload raw, List<Contact> contacts) {
        List<Contact> processed = new java.util.ArrayList<>(contacts.size());
        for (Contact c : contacts) {
            Contact done;
            try {
                done = processor.processedAtOnce(c);
            } catch (RuntimeException e) {
                done = null;
            }
            if (done == null) {
                return store.accept(raw, contacts);
            }
            processed.add(done);
        }
        List<List<String>> sinks = new java.util.ArrayList<>(processed.size());
        for (Contact done : processed) {
            sinks.add(sinksOf(done));
        }
        return store.acceptProcessed(raw, contacts, processed, sinks).onSuccess(accepted -> {
            List<String> added = null;
            for (int i = 0; i < accepted.size(); i++) {
                Accepted a = accepted.get(i);
                ProcessingStatus s = a.contact().processing().status();
                if (a.duplicate() || s == ProcessingStatus.ACCEPTED) {
                    continue;
                }
                countProcessed(a.contact().channel().id(), s);
                if (!sinks.get(i).isEmpty()) {
                    if (added == null) {
                        added = new java.util.ArrayList<>(sinks.get(i));
                    } else {
                        added.addAll(sinks.get(i));
                    }
                }
            }
            if (added != null) {
                deliveriesAdded.accept(added);
            }
        });
    }

    /**
     * Processes newly accepted contacts (duplicates excluded by the caller).
     *
     * @param contacts the contacts
     */
    public void submit(List<Contact> contacts) {
        for (Contact c : contacts) {
            if (inFlight.size() >= maxInFlight) {
                backlog.set(true);
                return;
            }
            run(c);
        }
    }

    /**
     * Processes newly accepted contacts and reports each one's result, for a channel whose answer waits for its
     * chain. A contact the pipeline has no room for right now is left to the sweep and reported as is.
     *
     * @param contacts the contacts
     * @return per contact, the processed contact (or the one given, when it could not run now or failed)
     */
    public List<Future<Contact>> submitTracked(List<Contact> contacts) {
        List<Future<Contact>> out = new java.util.ArrayList<>(contacts.size());
        for (Contact c : contacts) {
            if (inFlight.size() >= maxInFlight) {
                backlog.set(true);
                out.add(Future.succeededFuture(c));
                continue;
            }
            Future<Contact> f = run(c);
            out.add(f == null ? Future.succeededFuture(c) : f.recover(e -> Future.succeededFuture(c)));
        }
        return out;
    }

    private Future<Contact> run(Contact contact) {
        if (!inFlight.add(contact.id())) {
            return null;
        }
        Future<Contact> result;
        try {
            result = processor.process(contact);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.compose(done -> {
                    List<String> sinks = sinksOf(done);
                    return store.complete(done, sinks).map(v -> {
                        deliveriesAdded.accept(sinks);
                        return done;
                    });
                })
                .andThen(ar -> {
                    inFlight.remove(contact.id());
                    if (ar.succeeded()) {
                        countProcessed(contact.channel().id(), ar.result().processing().status());
                    } else {
                        // Left in the store as accepted: the sweep retries it.
                        backlog.set(true);
                        LOG.atWarn().setMessage("contact processing failed; will retry")
                                .addKeyValue("contactId", contact.id())
                                .addKeyValue("error", ar.cause().getClass().getSimpleName()).log();
                    }
                });
    }

    /** The sinks a contact leaving its chain is delivered to: none unless it was processed. */
    private List<String> sinksOf(Contact done) {
        return done.processing().status() == ProcessingStatus.PROCESSED ? sinksFor.apply(done) : List.of();
    }

    private void countProcessed(String channelId, ProcessingStatus status) {
        metrics.processed(channelId, status.name().toLowerCase(Locale.ROOT));
    }

    private void sweep() {
        // A sweep skips contacts younger than the grace period (another instance may be running them), so one
        // that found nothing can leave some behind: contacts accepted just before a crash, or left by an overflow.
        // Hence, besides the sweeps a backlog asks for, one at least every grace period.
        boolean due = System.nanoTime() - lastSweepStarted >= SWEEP_GRACE.toNanos();
        if ((!backlog.get() && !due) || !sweeping.compareAndSet(false, true)) {
            return;
        }
        lastSweepStarted = System.nanoTime();
        backlog.set(false);
        page(null);
    }

    private void page(String afterId) {
        int room = maxInFlight - inFlight.size();
        if (room <= 0) {
            backlog.set(true);
            sweeping.set(false);
            return;
        }
        store.unfinished(afterId, java.time.Instant.now().minus(SWEEP_GRACE), Math.min(room, SWEEP_PAGE)).onComplete(ar -> {
            if (ar.failed()) {
                backlog.set(true);
                sweeping.set(false);
                return;
            }
            List<Contact> page = ar.result();
            page.forEach(this::run);
            if (page.size() == Math.min(room, SWEEP_PAGE) && !page.isEmpty()) {
                page(page.get(page.size() - 1).id());
            } else {
                sweeping.set(false);
            }
        });
    }
}
