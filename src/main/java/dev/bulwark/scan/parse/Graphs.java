package dev.bulwark.scan.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reachability over a lockfile's dependency graph, to tell runtime from development-only packages. */
final class Graphs {
    private Graphs() {
    }

    /** Every node reachable from {@code roots} (the roots included). */
    static Set<String> reachable(Set<String> roots, Map<String, Set<String>> edges) {
        Set<String> seen = new HashSet<>(roots);
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            for (String next : edges.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}
