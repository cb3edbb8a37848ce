package dev.bulwark.scan.match;

import java.util.List;

/**
 * Whether a version is affected by one OSV {@code affected[]} entry.
 *
 * @param affected    true when the version is listed or inside a range
 * @param fixedAbove  the range {@code fixed} versions above the installed one, ascending
 * @param problems    event versions that could not be ordered (the event was ignored)
 */
public record Evaluation(boolean affected, List<String> fixedAbove, List<String> problems) {
    public Evaluation {
        fixedAbove = List.copyOf(fixedAbove);
        problems = List.copyOf(problems);
    }
}
