package dev.bulwark.scan.osv;

import dev.bulwark.scan.model.Ecosystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words for an {@link ImportResult}, shared by {@code bulwark db import|update} and the GUI's database card,
 * so both say the same: what each ecosystem became, what was refused, dropped or malformed, and the outcome.
 */
public final class ImportSummary {
    private static final String SUPPORTED = Arrays.stream(Ecosystem.values()).map(Ecosystem::osvName)
            .collect(Collectors.joining(", "));

    private ImportSummary() {
    }

    /**
     * A problem: a headline and the records or sources it names.
     *
     * @param headline one line, e.g. "3 malformed record(s) skipped"
     * @param items    what it names, e.g. "all.zip!X-1.json: invalid JSON: ..."; may be empty
     */
    public record Problem(String headline, List<String> items) {
        public Problem {
            items = List.copyOf(items);
        }

        /** At most {@code max} items, then "... and N more" when some were left out. */
        public List<String> listed(int max) {
            if (items.size() <= max) {
                return items;
            }
            List<String> out = new ArrayList<>(items.subList(0, max));
            out.add("... and " + (items.size() - max) + " more");
            return out;
        }
    }

    /** One line per ecosystem swapped in: replaced ("Imported ...") or merged ("Merged ..."). */
    public static List<String> ecosystemLines(ImportResult r) {
        List<String> lines = new ArrayList<>();
        for (EcosystemImport e : r.ecosystems()) {
            EcosystemManifest m = e.manifest();
            lines.add(e.merged()
                    ? String.format("Merged   %-10s %6d records, %5d packages (%d imported into the %d stored)",
                    m.ecosystem(), m.records(), m.packages(), e.incoming(), e.before())
                    : String.format("Imported %-10s %6d records, %5d packages (%d withdrawn skipped, %d malformed "
                    + "skipped)", m.ecosystem(), m.records(), m.packages(), m.withdrawn(), m.malformed()));
        }
        return lines;
    }

    /** Refused sources and ecosystems, dropped records (by id) and malformed records, in that order. */
    public static List<Problem> problems(ImportResult r) {
        List<Problem> out = new ArrayList<>();
        r.refused().forEach(line -> out.add(new Problem(line, List.of())));
        if (!r.dropped().isEmpty()) {
            out.add(new Problem(r.dropped().size() + " record(s) dropped: they name no affected package in an "
                    + "ecosystem Bulwark supports (" + SUPPORTED + ")", r.dropped()));
        }
        if (!r.malformed().isEmpty()) {
            out.add(new Problem(r.malformed().size() + " malformed record(s) skipped", r.malformed()));
        }
        return out;
    }

    /**
     * The closing line: "Database DIR updated in N ms." only when every source was taken; otherwise what changed,
     * or that nothing did.
     */
    public static String outcome(ImportResult r, Path dir, long millis) {
        if (r.nothingImported()) {
            return "Nothing imported; the database " + dir + " is unchanged.";
        }
        if (!r.complete()) {
            return "Database " + dir + ": " + r.ecosystems().size() + " ecosystem(s) changed, "
                    + r.refused().size() + " refusal(s) (see above).";
        }
        return "Database " + dir + " updated in " + millis + " ms.";
    }

    /** The whole result in one line (the GUI's import summary), naming at most {@code maxItems} per problem. */
    public static String oneLine(ImportResult r, int maxItems) {
        List<String> parts = new ArrayList<>();
        for (EcosystemImport e : r.ecosystems()) {
            EcosystemManifest m = e.manifest();
            parts.add(m.ecosystem() + " " + m.records() + " records" + (e.merged() ? " (" + e.incoming()
                    + " merged into " + e.before() + ")" : ""));
        }
        StringBuilder text = new StringBuilder(parts.isEmpty() ? "Nothing imported"
                : "Imported " + String.join(", ", parts));
        for (Problem p : problems(r)) {
            text.append("; ").append(p.headline());
            if (!p.items().isEmpty()) {
                text.append(": ").append(String.join(", ", p.listed(maxItems)));
            }
        }
        return text.toString();
    }
}
