package io.switchboard.spi.testkit;

import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory {@link CustomerDirectory} for plugin tests, with the semantics of the gateway's store-backed one
 * (both pass {@link io.switchboard.spi.testkit.contract.CustomerDirectoryContract}):
 *
 * <ul>
 *   <li>tenants are separate: nothing is ever found across tenants;</li>
 *   <li>a customer's identifiers are those it was seeded with ({@link #upsert}) plus those added by links in
 *       force; {@code upsert} replaces the seeded ones only;</li>
 *   <li>{@link #record} assigns an id and {@code createdAt} (from the clock) when they are null; a link adds the
 *       given identifiers the customer did not already have, and {@link #undo} removes exactly those;</li>
 *   <li>a link to a customer that does not exist fails.</li>
 * </ul>
 *
 * Every future is already complete when returned. Seed it with {@link #seed(String, String, String, Identifier...)}.
 * Thread-safe.
 */
public final class InMemoryCustomerDirectory implements CustomerDirectory {

    private final Clock clock;
    /** tenant -> customer id -> customer (seeded identifiers only). */
    private final Map<String, Map<String, CustomerRecord>> customers = new LinkedHashMap<>();
    /** link id -> identifiers that link added to its customer. */
    private final Map<String, List<Identifier>> addedByLink = new LinkedHashMap<>();
    private final List<LinkRecord> decisions = new ArrayList<>();
    private long sequence;

    /** A directory on the system clock. */
    public InMemoryCustomerDirectory() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock {@code createdAt} and {@code undoneAt} are read from */
    public InMemoryCustomerDirectory(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Seeds a customer (synchronously, for test set-up).
     *
     * @param tenant      the tenant
     * @param id          the customer id
     * @param tier        the service tier, or null
     * @param identifiers its identifiers
     * @return this
     */
    public InMemoryCustomerDirectory seed(String tenant, String id, String tier, Identifier... identifiers) {
        upsert(new CustomerRecord(tenant, id, null, tier, List.of(identifiers)));
        return this;
    }

    @Override
    public synchronized Future<List<CustomerRecord>> findByIdentifier(String tenant, Identifier identifier) {
        List<CustomerRecord> out = new ArrayList<>();
        for (CustomerRecord c : tenant(tenant).values()) {
            CustomerRecord full = withLinked(c);
            if (full.identifiers().contains(identifier)) {
                out.add(full);
            }
        }
        return Future.succeededFuture(List.copyOf(out));
    }

    @Override
    public synchronized Future<CustomerRecord> get(String tenant, String id) {
        CustomerRecord c = tenant(tenant).get(id);
        return Future.succeededFuture(c == null ? null : withLinked(c));
    }

    @Override
    public synchronized Future<Void> upsert(CustomerRecord customer) {
        tenant(customer.tenant()).put(customer.id(), customer);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<LinkRecord> record(LinkRecord record, List<Identifier> identifiers) {
        if (record.isLink() && !tenant(record.tenant()).containsKey(record.customerId())) {
            return Future.failedFuture(new IllegalArgumentException("no customer " + record.customerId()
                    + " in tenant " + record.tenant()));
        }
        LinkRecord stored = new LinkRecord(record.id() != null ? record.id() : UUID.randomUUID().toString(),
                record.tenant(), record.contactId(), record.customerId(), record.candidates(), record.level(),
                record.method(), record.evidence(), record.createdAt() != null ? record.createdAt() : clock.instant(),
                record.undoneAt());
        if (stored.isLink()) {
            Set<Identifier> has = new LinkedHashSet<>(withLinked(tenant(stored.tenant()).get(stored.customerId()))
                    .identifiers());
            List<Identifier> added = new ArrayList<>();
            for (Identifier i : identifiers == null ? List.<Identifier>of() : identifiers) {
                if (has.add(i)) {
                    added.add(i);
                }
            }
            addedByLink.put(stored.id(), List.copyOf(added));
        }
        decisions.add(stored);
        sequence++;
        return Future.succeededFuture(stored);
    }

    @Override
    public synchronized Future<List<LinkRecord>> decisionsFor(String tenant, String contactId) {
        List<LinkRecord> out = new ArrayList<>();
        for (int i = decisions.size() - 1; i >= 0; i--) {
            LinkRecord r = decisions.get(i);
            if (r.tenant().equals(tenant) && r.contactId().equals(contactId)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(LinkRecord::createdAt).reversed());
        return Future.succeededFuture(List.copyOf(out));
    }

    /**
     * Undoes a link, as the admin API's {@code DELETE} does: the link stays recorded with {@code undoneAt}, and the
     * identifiers it added are removed from the customer.
     *
     * @param tenant the tenant
     * @param linkId the link id
     * @return whether a link in force was undone
     */
    public synchronized Future<Boolean> undo(String tenant, String linkId) {
        for (int i = 0; i < decisions.size(); i++) {
            LinkRecord r = decisions.get(i);
            if (r.id().equals(linkId) && r.tenant().equals(tenant) && r.isLink() && r.undoneAt() == null) {
                decisions.set(i, new LinkRecord(r.id(), r.tenant(), r.contactId(), r.customerId(), r.candidates(),
                        r.level(), r.method(), r.evidence(), r.createdAt(), clock.instant()));
                addedByLink.remove(linkId);
                return Future.succeededFuture(true);
            }
        }
        return Future.succeededFuture(false);
    }

    /** @return every decision recorded, oldest first (for assertions) */
    public synchronized List<LinkRecord> decisions() {
        return List.copyOf(decisions);
    }

    /** @return how many decisions were recorded */
    public synchronized long recorded() {
        return sequence;
    }

    private Map<String, CustomerRecord> tenant(String tenant) {
        return customers.computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), t -> new LinkedHashMap<>());
    }

    private CustomerRecord withLinked(CustomerRecord c) {
        Set<Identifier> all = new LinkedHashSet<>(c.identifiers());
        for (LinkRecord r : decisions) {
            if (r.isLink() && r.undoneAt() == null && r.tenant().equals(c.tenant()) && r.customerId().equals(c.id())) {
                all.addAll(addedByLink.getOrDefault(r.id(), List.of()));
            }
        }
        return new CustomerRecord(c.tenant(), c.id(), c.name(), c.tier(), List.copyOf(all));
    }
}
