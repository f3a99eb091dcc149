package io.bastionmq.security.authz;

import io.bastionmq.security.Identity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All rules in chain order (configuration file first, then the rule store), indexed by subject so
 * that a client's applicable rules are found without scanning rules of other users: with 100,000
 * per-device rules a client still looks at its own few.
 */
final class RuleSet {
    /** A rule with its position in the chain and, when it has no placeholder, its levels split once. */
    record Compiled(int position, AclRule rule, String[] levels) {}

    private final List<Compiled> general = new ArrayList<>();
    private final Map<String, List<Compiled>> byUser = new HashMap<>();
    private final Map<String, List<Compiled>> byGroup = new HashMap<>();
    private final int size;

    RuleSet(List<AclRule> configRules, List<AclRule> storeRules) {
        int position = 0;
        for (List<AclRule> source : List.of(configRules, storeRules)) {
            for (AclRule r : source) {
                boolean placeholder = r.topic().contains("${");
                Compiled c = new Compiled(position++, r, placeholder ? new String[0] : FilterContainment.levels(r.topic()));
                switch (r.subject()) {
                    case USER -> byUser.computeIfAbsent(r.subjectName(), k -> new ArrayList<>()).add(c);
                    case GROUP -> byGroup.computeIfAbsent(r.subjectName(), k -> new ArrayList<>()).add(c);
                    case ALL, ANONYMOUS, ADMINS -> general.add(c);
                }
            }
        }
        size = position;
    }

    int size() {
        return size;
    }

    /** The rules that apply to {@code who}, in chain order. */
    List<Compiled> applicableTo(Identity who) {
        List<Compiled> out = new ArrayList<>();
        for (Compiled c : general) {
            switch (c.rule().subject()) {
                case ALL -> out.add(c);
                case ANONYMOUS -> { if (who.isAnonymous()) out.add(c); }
                case ADMINS -> { if (who.admin()) out.add(c); }
                default -> throw new IllegalStateException(c.rule().subject().name());
            }
        }
        boolean merged = false;
        if (who.username() != null) {
            List<Compiled> own = byUser.get(who.username());
            if (own != null) {
                out.addAll(own);
                merged = true;
            }
        }
        for (String group : who.groups()) {
            List<Compiled> g = byGroup.get(group);
            if (g != null) {
                out.addAll(g);
                merged = true;
            }
        }
        if (merged) {
            out.sort(Comparator.comparingInt(Compiled::position));
        }
        return out;
    }
}
