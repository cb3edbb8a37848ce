package dev.bulwark.ratelimit.sim;

/**
 * How the clients of a group map to limiter keys.
 *
 * @param kind   per-client, shared or grouped
 * @param groups number of keys for {@link Kind#GROUPS}
 */
public record KeyScheme(Kind kind, int groups) {

    /** The mapping kinds. */
    public enum Kind {
        /** Each client has its own key (e.g. per API token). */
        PER_CLIENT,
        /** All clients of the group share one key (e.g. behind one NAT address). */
        SHARED,
        /** Clients are spread round-robin over {@code groups} keys (e.g. tenants). */
        GROUPS
    }

    /** Parses {@code per-client}, {@code shared} or {@code groups:N}. */
    public static KeyScheme parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("per-client")) {
            return new KeyScheme(Kind.PER_CLIENT, 0);
        }
        if (t.equals("shared")) {
            return new KeyScheme(Kind.SHARED, 1);
        }
        if (t.startsWith("groups:")) {
            int n;
            try {
                n = Integer.parseInt(t.substring("groups:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected groups:N with a number, got '" + text + "'", e);
            }
            if (n < 1) {
                throw new IllegalArgumentException("groups:N needs N >= 1, got '" + text + "'");
            }
            return new KeyScheme(Kind.GROUPS, n);
        }
        throw new IllegalArgumentException("unknown key scheme '" + text + "'; expected per-client, shared or groups:N");
    }

    /** The key index (within the group) of client {@code i}. */
    int keyOf(int i) {
        return switch (kind) {
            case PER_CLIENT -> i;
            case SHARED -> 0;
            case GROUPS -> i % groups;
        };
    }

    /** Number of distinct keys for {@code clients} clients. */
    int keyCount(int clients) {
        return switch (kind) {
            case PER_CLIENT -> clients;
            case SHARED -> 1;
            case GROUPS -> Math.min(groups, clients);
        };
    }
}
