package dev.bulwark.ui.scan;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What the results table shows: a minimum severity, one ecosystem and a free-text search over package,
 * version, ids and summary. Null or blank parts do not filter.
 *
 * @param minimum   lowest severity shown, or null for all (UNKNOWN is shown only when null)
 * @param ecosystem OSV ecosystem name, or null for all
 * @param text      case-insensitive substring, or blank
 */
public record FindingFilter(Severity minimum, String ecosystem, String text) implements Predicate<Finding> {
    public static final FindingFilter NONE = new FindingFilter(null, null, "");

    public FindingFilter {
        text = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean test(Finding f) {
        if (minimum != null && f.severity().rating().compareTo(minimum) < 0) {
            return false;
        }
        if (ecosystem != null && !ecosystem.equals(f.ecosystem().osvName())) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        return contains(f.packageName()) || contains(f.version()) || contains(f.summary())
                || f.allIds().anyMatch(this::contains);
    }

    private boolean contains(String s) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(text);
    }
}
