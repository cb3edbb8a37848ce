package dev.bulwark.ui.scan;

import dev.bulwark.scan.osv.EcosystemStatus;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/** The status bar's and the database card's words for the state of the advisory database. */
public final class AdvisoryStatusText {
    private AdvisoryStatusText() {
    }

    /**
     * E.g. {@code Advisories: 8,158 records, 3 ecosystems, 2 days old}, {@code ... stale (45 days)} or
     * {@code Advisories: no database — import one}.
     *
     * @param statuses  per-ecosystem state
     * @param staleDays data older than this many days is stale
     */
    public static String statusBar(List<EcosystemStatus> statuses, int staleDays) {
        List<EcosystemStatus> present = statuses.stream().filter(EcosystemStatus::present).toList();
        if (present.isEmpty()) {
            return "Advisories: no database — import one";
        }
        long records = present.stream().mapToLong(EcosystemStatus::records).sum();
        long oldest = oldestDays(present);
        String base = "Advisories: " + NumberFormat.getIntegerInstance(Locale.US).format(records) + " records, "
                + present.size() + (present.size() == 1 ? " ecosystem, " : " ecosystems, ");
        return oldest > staleDays ? base + "stale (" + oldest + " days)" : base + age(oldest);
    }

    /** The oldest present ecosystem's age in days, or -1 when none is present. */
    public static long oldestDays(List<EcosystemStatus> statuses) {
        return statuses.stream().filter(EcosystemStatus::present).mapToLong(EcosystemStatus::ageDays).max().orElse(-1);
    }

    /** The warning shown above the results when data is older than {@code staleDays}, or null. */
    public static String staleWarning(List<EcosystemStatus> statuses, int staleDays) {
        List<String> stale = statuses.stream().filter(s -> s.present() && s.ageDays() > staleDays)
                .map(s -> s.ecosystem() + " (" + s.ageDays() + " days)").toList();
        if (stale.isEmpty()) {
            return null;
        }
        return "Advisory data is older than " + staleDays + " days: " + String.join(", ", stale)
                + ". Findings may be missing; update or import the database.";
    }

    /** {@code imported today}, {@code 1 day old}, {@code 12 days old}. */
    public static String age(long days) {
        if (days <= 0) {
            return "imported today";
        }
        return days == 1 ? "1 day old" : days + " days old";
    }
}
