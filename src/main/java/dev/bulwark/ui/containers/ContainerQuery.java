package dev.bulwark.ui.containers;

import dev.bulwark.docker.model.ClusterTotals;
import dev.bulwark.docker.model.ContainerView;
import java.util.Locale;
import java.util.function.Predicate;

/** Pure filtering and grouping rules of the containers table. */
final class ContainerQuery {
    private ContainerQuery() {
    }

    /** How the cluster panel groups totals. */
    enum GroupBy {
        ENGINE("Engine"), PROJECT("Compose project");

        private final String label;

        GroupBy(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        String keyOf(ContainerView v) {
            if (this == ENGINE) {
                return v.engine();
            }
            String p = v.details().composeProject();
            return p == null || p.isBlank() ? ClusterTotals.NO_PROJECT : p;
        }
    }

    /**
     * Every whitespace-separated term must occur (case-insensitively) in the name, short id, image,
     * engine, compose project, state or health; {@code state:running}-style terms match the state exactly.
     */
    static Predicate<ContainerView> matching(String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return v -> true;
        }
        String[] terms = q.split("\\s+");
        return v -> {
            String hay = haystack(v);
            for (String t : terms) {
                if (t.startsWith("state:")) {
                    if (!v.details().state().label().equals(t.substring(6))) {
                        return false;
                    }
                } else if (!hay.contains(t)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static String haystack(ContainerView v) {
        var d = v.details();
        String project = d.composeProject() == null ? "" : d.composeProject();
        return String.join("\u0000", d.name(), d.shortId(), d.image(), v.engine(), project, d.state().label(),
                d.health().label(), v.stale() ? "stale" : "").toLowerCase(Locale.ROOT);
    }
}
