package dev.bulwark.ratelimit.sim;

import java.util.List;

/** A scenario file that cannot be run; the message lists every problem with its file and field. */
public final class ScenarioException extends Exception {
    private final List<String> problems;

    /** An exception for {@code problems}. */
    public ScenarioException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, e.g. {@code demo.yaml: limiters[1].capacity: must be at least 1}. */
    public List<String> problems() {
        return problems;
    }
}
