package io.switchboard.plugin.identity;

import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The matching rules. Given a contact's identifiers and the customers each one is on file for (in the contact's
 * tenant only), decide:
 *
 * <ul>
 *   <li><b>link</b> when the identifiers that can link on their own (verified or strong) point to exactly one
 *       customer, none of them is shared by several customers, and no verified, strong or medium identifier points
 *       to another customer (that would be conflicting identifiers);</li>
 *   <li><b>suggestion</b> when anything else matched (a medium or weak match, several candidates, a conflict):
 *       the candidates are recorded for a person to confirm;</li>
 *   <li><b>none</b> when nothing matched.</li>
 * </ul>
 * A weak identifier on file for more than {@code maxCandidates} customers is ignored: it identifies no one.
 * Pure and thread-safe.
 */
final class Matcher {

    private final int maxCandidates;

    Matcher(int maxCandidates) {
        this.maxCandidates = maxCandidates;
    }

    /**
     * @param tenant   the contact's tenant
     * @param observed the contact's identifiers
     * @param matches  per identifier, the customers it is on file for (any tenant: others are ignored)
     * @param crm      what the CRM lookup did, for the evidence
     * @return the decision
     */
    Decision decide(String tenant, List<Observed> observed, Map<Identifier, List<CustomerRecord>> matches, String crm) {
        JsonArray ids = new JsonArray();
        Set<String> strong = new TreeSet<>();
        Set<String> all = new TreeSet<>();
        boolean ambiguous = false;
        List<Set<String>> perObserved = new ArrayList<>();
        for (Observed o : observed) {
            Set<String> found = new TreeSet<>();
            for (CustomerRecord r : matches.getOrDefault(o.identifier(), List.of())) {
                if (r.tenant().equals(tenant)) {
                    found.add(r.id());
                }
            }
            boolean ignored = o.level() == MatchLevel.WEAK && found.size() > maxCandidates;
            if (ignored) {
                found = Set.of();
            }
            perObserved.add(found);
            ids.add(new JsonObject().put("type", o.identifier().type()).put("source", o.source())
                    .put("assurance", o.assurance().name()).put("level", o.level().name()).put("customers", found.size())
                    .put("ignored", ignored ? "too-many-customers" : null));
            if (o.canLink()) {
                strong.addAll(found);
                ambiguous |= found.size() > 1;
            }
            all.addAll(found);
        }
        JsonObject evidence = new JsonObject().put("identifiers", ids).put("crm", crm);

        String rule;
        if (strong.size() == 1 && !ambiguous) {
            String customer = strong.iterator().next();
            boolean conflict = false;
            for (int i = 0; i < observed.size(); i++) {
                Observed o = observed.get(i);
                if (o.level() != MatchLevel.WEAK && !perObserved.get(i).isEmpty()
                        && !perObserved.get(i).equals(Set.of(customer))) {
                    conflict = true;
                }
            }
            if (!conflict) {
                return link(customer, observed, perObserved, evidence);
            }
            rule = "conflicting-identifiers";
        } else if (strong.size() > 1) {
            rule = ambiguous ? "shared-identifier" : "conflicting-identifiers";
        } else if (!all.isEmpty()) {
            rule = "below-link-level";
        } else {
            evidence.put("rule", "no-match");
            return new Decision(Decision.Kind.NONE, null, MatchLevel.NONE, null, 0.0, List.of(), "no-match", evidence,
                    List.of());
        }
        // A suggestion: the best level that matched anyone, and its identifier type.
        MatchLevel best = MatchLevel.NONE;
        String method = null;
        for (int i = 0; i < observed.size(); i++) {
            if (!perObserved.get(i).isEmpty() && observed.get(i).level().ordinal() < best.ordinal()) {
                best = observed.get(i).level();
                method = observed.get(i).identifier().type();
            }
        }
        List<String> candidates = new ArrayList<>(all);
        double confidence = round(base(best) / Math.max(1, candidates.size()) * (rule.equals("below-link-level") ? 1.0 : 0.5));
        evidence.put("rule", rule);
        return new Decision(Decision.Kind.SUGGESTION, null, best, method, confidence, candidates, rule, evidence,
                List.of());
    }

    private static Decision link(String customer, List<Observed> observed, List<Set<String>> perObserved,
                                 JsonObject evidence) {
        MatchLevel best = MatchLevel.NONE;
        String method = null;
        int corroborating = 0;
        List<Identifier> attach = new ArrayList<>();
        for (int i = 0; i < observed.size(); i++) {
            Observed o = observed.get(i);
            boolean matched = perObserved.get(i).contains(customer);
            if (matched && o.level().ordinal() < best.ordinal()) {
                best = o.level();
                method = o.identifier().type();
            }
            if (matched && o.level() != MatchLevel.WEAK) {
                corroborating++;
            }
            if (o.canLink() && perObserved.get(i).isEmpty()) {
                attach.add(o.identifier());
            }
        }
        double confidence = round(Math.min(0.99, base(best) + 0.01 * Math.max(0, corroborating - 1)));
        evidence.put("rule", "single-strong-match");
        JsonArray attached = new JsonArray();
        attach.forEach(a -> attached.add(a.type()));
        evidence.put("attached", attached);
        return new Decision(Decision.Kind.LINK, customer, best, method, confidence, List.of(customer),
                "single-strong-match", evidence, attach);
    }

    private static double base(MatchLevel level) {
        return switch (level) {
            case VERIFIED -> 0.98;
            case STRONG -> 0.95;
            case MEDIUM -> 0.7;
            case WEAK -> 0.4;
            case NONE -> 0.0;
        };
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
