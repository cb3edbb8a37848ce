package dev.bulwark.scan.policy;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Ignore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Applies ignore rules: any id or alias of a finding matches; expired rules re-activate it with a warning. */
public final class IgnorePolicy {
    private final List<IgnoreRule> rules;
    private final Clock clock;

    public IgnorePolicy(List<IgnoreRule> rules, Clock clock) {
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    /**
     * The result of applying rules.
     *
     * @param findings findings, ignored ones marked
     * @param warnings e.g. expired entries
     */
    public record Applied(List<Finding> findings, List<String> warnings) {
    }

    public Applied apply(List<Finding> findings) {
        LocalDate today = LocalDate.now(clock);
        List<Finding> out = new ArrayList<>(findings.size());
        List<String> warnings = new ArrayList<>();
        for (Finding f : findings) {
            Optional<IgnoreRule> rule = rules.stream().filter(r -> matches(r, f)).findFirst();
            if (rule.isEmpty()) {
                out.add(f);
                continue;
            }
            IgnoreRule r = rule.get();
            if (r.expires() != null && today.isAfter(r.expires())) {
                warnings.add("ignore entry " + r.id() + " expired on " + r.expires() + ": " + f.id() + " in "
                        + f.packageName() + " " + f.version() + " is active again");
                out.add(f);
            } else {
                out.add(f.withIgnore(new Ignore(r.id(), r.reason(), r.expires())));
            }
        }
        return new Applied(out, warnings);
    }

    private static boolean matches(IgnoreRule r, Finding f) {
        String id = r.id().toUpperCase(Locale.ROOT);
        return f.allIds().anyMatch(i -> i.toUpperCase(Locale.ROOT).equals(id));
    }
}
