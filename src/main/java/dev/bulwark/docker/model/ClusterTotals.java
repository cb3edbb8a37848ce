package dev.bulwark.docker.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Totals across all engines, and grouped by engine and by Compose project.
 *
 * @param all       every container
 * @param byEngine  per engine name
 * @param byProject per Compose project; containers outside Compose under {@link #NO_PROJECT}
 */
public record ClusterTotals(Totals all, Map<String, Totals> byEngine, Map<String, Totals> byProject) {

    /** Group key for containers without a Compose project. */
    public static final String NO_PROJECT = "(none)";

    public ClusterTotals {
        byEngine = Collections.unmodifiableMap(new TreeMap<>(byEngine));
        byProject = Collections.unmodifiableMap(new TreeMap<>(byProject));
    }

    /** Totals of {@code views}. */
    public static ClusterTotals of(Collection<ContainerView> views) {
        return new ClusterTotals(Totals.of(views), group(views, ContainerView::engine),
                group(views, v -> {
                    String p = v.details().composeProject();
                    return p == null || p.isBlank() ? NO_PROJECT : p;
                }));
    }

    private static Map<String, Totals> group(Collection<ContainerView> views, Function<ContainerView, String> key) {
        Map<String, List<ContainerView>> groups = new TreeMap<>();
        for (ContainerView v : views) {
            groups.computeIfAbsent(key.apply(v), k -> new ArrayList<>()).add(v);
        }
        Map<String, Totals> out = new TreeMap<>();
        groups.forEach((k, list) -> out.put(k, Totals.of(list)));
        return out;
    }
}
