package dev.bulwark.ratelimit;

import java.util.List;
import java.util.Objects;

/**
 * Maps an operation (and optionally a request path) to the cost charged against a limit, e.g.
 * {@code export} costs 10 while everything else costs 1. The first matching rule wins.
 *
 * @param defaultCost cost when no rule matches, at least 1
 * @param rules       rules in priority order
 */
public record CostRules(long defaultCost, List<Rule> rules) {

    /**
     * One rule; a null matcher matches anything, so set at least one.
     *
     * @param operation  exact operation name, e.g. {@code export}
     * @param pathPrefix request path prefix, e.g. {@code /api/export}
     * @param cost       cost charged, at least 1
     */
    public record Rule(String operation, String pathPrefix, long cost) {
        /** Validates. */
        public Rule {
            if (operation == null && pathPrefix == null) {
                throw new IllegalArgumentException("cost rule needs an operation or a pathPrefix");
            }
            if (cost < 1) {
                throw new IllegalArgumentException("cost must be at least 1, was " + cost);
            }
        }

        boolean matches(String op, String path) {
            return (operation == null || operation.equals(op))
                    && (pathPrefix == null || (path != null && path.startsWith(pathPrefix)));
        }
    }

    /** Validates and copies. */
    public CostRules {
        if (defaultCost < 1) {
            throw new IllegalArgumentException("defaultCost must be at least 1, was " + defaultCost);
        }
        rules = List.copyOf(Objects.requireNonNullElse(rules, List.of()));
    }

    /** Every request costs 1. */
    public static CostRules unit() {
        return new CostRules(1, List.of());
    }

    /** The cost of {@code operation} on {@code path} (either may be null). */
    public long costOf(String operation, String path) {
        for (Rule r : rules) {
            if (r.matches(operation, path)) {
                return r.cost();
            }
        }
        return defaultCost;
    }
}
