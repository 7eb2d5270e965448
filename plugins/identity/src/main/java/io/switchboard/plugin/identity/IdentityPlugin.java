package io.switchboard.plugin.identity;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginResult;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a contact's sender to a customer: normalises its identifiers, looks each up in the customer directory
 * (and, for those the directory does not have, in the CRM when configured), decides by the {@link Matcher} rules,
 * records the decision (link or suggestion, with evidence) through {@link CustomerDirectory#record}, and sets
 * {@link Contact#customer()}. Status events are left alone.
 */
final class IdentityPlugin implements ContactPlugin {

    /** Attribute namespace. */
    static final String NAMESPACE = "identity";
    /** Identifiers sent to the CRM per contact, at most. */
    static final int MAX_CRM_LOOKUPS = 3;

    private final CustomerDirectory directory;
    private final PhoneNumbers phones;
    private final IdentifierExtractor extractor;
    private final Matcher matcher;
    private final CrmLookup crm;
    private final Future<Void> seeded;
    private final Limiter limiter;

    IdentityPlugin(CustomerDirectory directory, PhoneNumbers phones, IdentifierExtractor extractor, Matcher matcher,
                   CrmLookup crm, Future<Void> seeded, int lookupConcurrency) {
        this.limiter = new Limiter(lookupConcurrency);
        this.directory = directory;
        this.phones = phones;
        this.extractor = extractor;
        this.matcher = matcher;
        this.crm = crm;
        this.seeded = seeded;
    }

    @Override
    public Future<PluginResult> apply(Contact contact, PluginContext context) {
        if (contact.kind() == ContactKind.STATUS) {
            return Future.succeededFuture(PluginResult.proceed(contact));
        }
        return seeded.compose(v -> match(contact, context));
    }

    private Future<PluginResult> match(Contact contact, PluginContext context) {
        String tenant = contact.tenant();
        List<Observed> observed = extractor.extract(contact);
        List<Observed> weak = new ArrayList<>();
        List<Observed> rest = new ArrayList<>();
        observed.forEach(o -> (o.level() == MatchLevel.WEAK ? weak : rest).add(o));
        Map<Identifier, List<CustomerRecord>> found = new HashMap<>();
        // The sender's own identifiers first; weak signals only when they did not find exactly one link-level
        // customer (a weak signal never changes a link), which saves most contacts those reads.
        return lookup(tenant, rest, found).compose(v -> {
            boolean linkable = rest.stream().anyMatch(o -> o.canLink() && found.get(o.identifier()).size() == 1);
            if (linkable) {
                weak.forEach(o -> found.put(o.identifier(), List.of()));
                return Future.succeededFuture();
            }
            return lookup(tenant, weak, found);
        }).compose(v -> throughCrm(tenant, observed, found)).compose(crmStatus -> {
            Decision d = matcher.decide(tenant, observed, found, crmStatus.status());
            Contact normalised = normalisedSender(contact);
            if (d.kind() == Decision.Kind.NONE) {
                return Future.succeededFuture(PluginResult.proceed(normalised.toBuilder().customer(d.toMatch())
                        .attribute(NAMESPACE, "rule", d.rule()).build()));
            }
            LinkRecord r = new LinkRecord(contact.id() + ":" + context.step(), tenant, contact.id(),
                    d.kind() == Decision.Kind.LINK ? d.customerId() : null,
                    d.kind() == Decision.Kind.LINK ? List.of() : d.candidates(), d.level(), d.method(),
                    d.evidence().encode(), context.clock().instant(), null);
            // A link also attaches the link-level identifiers only the CRM knew, so later contacts match in the directory.
            List<Identifier> attach = new ArrayList<>(d.attach());
            if (d.kind() == Decision.Kind.LINK) {
                for (Observed o : observed) {
                    if (o.canLink() && crmStatus.fromCrm().contains(o.identifier()) && !attach.contains(o.identifier())) {
                        attach.add(o.identifier());
                    }
                }
            }
            String tier = d.kind() == Decision.Kind.LINK ? tierOf(d.customerId(), found) : null;
            return directory.record(r, attach).map(rec -> {
                Contact.Builder b = normalised.toBuilder().customer(d.toMatch())
                        .attribute(NAMESPACE, "decisionId", rec.id())
                        .attribute(NAMESPACE, "rule", d.rule());
                if (tier != null) {
                    b.attribute(NAMESPACE, "tier", tier);
                }
                return PluginResult.proceed(b.build());
            });
        });
    }

    private Future<Void> lookup(String tenant, List<Observed> ids, Map<Identifier, List<CustomerRecord>> found) {
        if (ids.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<List<CustomerRecord>>> fs = new ArrayList<>(ids.size());
        for (Observed o : ids) {
            fs.add(limiter.submit(() -> directory.findByIdentifier(tenant, o.identifier())));
        }
        return Future.all(fs).map(all -> {
            for (int i = 0; i < ids.size(); i++) {
                found.put(ids.get(i).identifier(), fs.get(i).result());
            }
            return null;
        });
    }

    private static String tierOf(String customerId, Map<Identifier, List<CustomerRecord>> found) {
        for (List<CustomerRecord> l : found.values()) {
            for (CustomerRecord c : l) {
                if (c.id().equals(customerId)) {
                    return c.tier();
                }
            }
        }
        return null;
    }

    /** What the directory and CRM found, and what the CRM lookup did. */
    private record Found(Map<Identifier, List<CustomerRecord>> found, String status, Set<Identifier> fromCrm) {
    }

    private Future<Found> throughCrm(String tenant, List<Observed> observed, Map<Identifier, List<CustomerRecord>> found) {
        if (crm == null) {
            return Future.succeededFuture(new Found(found, "not-configured", Set.of()));
        }
        List<Identifier> ask = new ArrayList<>();
        for (Observed o : observed) {
            if (o.level() != MatchLevel.WEAK && found.get(o.identifier()).isEmpty() && ask.size() < MAX_CRM_LOOKUPS) {
                ask.add(o.identifier());
            }
        }
        if (ask.isEmpty()) {
            return Future.succeededFuture(new Found(found, "not-needed", Set.of()));
        }
        List<Future<CrmLookup.Answer>> answers = new ArrayList<>();
        ask.forEach(id -> answers.add(crm.find(tenant, id)));
        return Future.all(answers).compose(all -> {
            Set<String> statuses = new LinkedHashSet<>();
            Set<Identifier> fromCrm = new LinkedHashSet<>();
            List<Future<Void>> stored = new ArrayList<>();
            for (int i = 0; i < ask.size(); i++) {
                CrmLookup.Answer a = answers.get(i).result();
                statuses.add(a.status().name().toLowerCase(java.util.Locale.ROOT));
                if (!a.customers().isEmpty()) {
                    found.put(ask.get(i), a.customers());
                    fromCrm.add(ask.get(i));
                    a.customers().forEach(c -> stored.add(store(c)));
                }
            }
            return Future.all(stored).map(v -> new Found(found, String.join(",", statuses), fromCrm));
        });
    }

    /**
     * Keeps a customer the CRM found, when the directory does not have it yet (so that a link can point to it and
     * later contacts find it without the CRM). A customer the directory has is left as it is: replacing it would
     * turn identifiers added by links into seeded ones, which undoing the link could no longer remove.
     */
    private Future<Void> store(CustomerRecord fromCrm) {
        return directory.get(fromCrm.tenant(), fromCrm.id())
                .compose(existing -> existing == null ? directory.upsert(fromCrm) : Future.succeededFuture());
    }

    /** The contact with its sender's phone in E.164 when the adapter could not normalise it but the channel's region can. */
    private Contact normalisedSender(Contact c) {
        PhoneNumber p = c.sender().phone();
        if (p == null || p.e164() != null) {
            return c;
        }
        PhoneNumber n = phones.normalise(p.raw(), extractor.region(c), p.assurance());
        return n.e164() == null ? c : c.toBuilder().sender(c.sender().withPhone(n)).build();
    }

    /** @return the CRM lookup, or null when none is configured */
    CrmLookup crm() {
        return crm;
    }

    @Override
    public Future<Void> close() {
        if (crm != null) {
            crm.close();
        }
        return Future.succeededFuture();
    }
}
