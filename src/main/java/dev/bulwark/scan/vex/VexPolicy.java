package dev.bulwark.scan.vex;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Ignore;
import dev.bulwark.scan.match.VexSuppression;
import dev.bulwark.scan.report.ScanReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies VEX statements to findings. A statement applies to a finding when one of its vulnerability ids (name,
 * {@code @id}, aliases; CycloneDX id and reference ids) equals, ignoring case, the finding's id or any alias, and one
 * of its product / subcomponent purls names the finding's package ({@link PurlKey#covers}: type, namespace and name
 * equal, and the version equal unless the purl has none; qualifiers ignored).
 * <p>
 * Of the statements that apply, the latest wins (OpenVEX semantics: a later statement about the same product and
 * vulnerability replaces the earlier; statements without any timestamp count as oldest; ties go to the statement
 * loaded last, i.e. later in its document or in a later {@code --vex} file). When the winner is {@code not_affected}
 * or {@code fixed} the finding is suppressed: marked ignored ({@link Ignore#vex()} set), so it stays in every report
 * but counts for neither the summary nor {@code --fail-on}. A winning {@code affected} or
 * {@code under_investigation} statement suppresses nothing and is listed in the report's notes. A finding already
 * ignored by the ignore file keeps that entry (the local decision); its VEX statement is not consulted.
 */
public final class VexPolicy {
    private static final Comparator<VexStatement> LATEST = Comparator
            .comparing((VexStatement s) -> s.timestamp() == null ? Instant.MIN : s.timestamp())
            .thenComparingInt(VexStatement::order);

    private final Map<String, List<VexStatement>> byId = new HashMap<>();

    public VexPolicy(List<VexStatement> statements) {
        for (VexStatement s : statements) {
            for (String id : s.vulnerabilityIds()) {
                List<VexStatement> list = byId.computeIfAbsent(id.toUpperCase(Locale.ROOT), k -> new ArrayList<>());
                if (!list.contains(s)) {
                    list.add(s);
                }
            }
        }
    }

    /**
     * The result.
     *
     * @param findings the findings, suppressed ones marked
     * @param notes    statements that matched without suppressing (affected, under investigation)
     */
    public record Applied(List<Finding> findings, List<String> notes) {
        public Applied {
            findings = List.copyOf(findings);
            notes = List.copyOf(notes);
        }
    }

    /** {@code report} with its findings marked and the VEX load problems and notes added. */
    public static ScanReport applyTo(ScanReport report, VexReader.Loaded vex) {
        if (vex.statements().isEmpty() && vex.warnings().isEmpty()) {
            return report;
        }
        Applied a = new VexPolicy(vex.statements()).apply(report.findings());
        List<String> warnings = new ArrayList<>(report.warnings());
        vex.warnings().forEach(w -> warnings.add("VEX " + w));
        List<String> notes = new ArrayList<>(report.notes());
        notes.addAll(a.notes());
        return new ScanReport(report.generatedAt(), report.durationMs(), report.roots(), a.findings(), report.fixes(),
                report.packages(), report.unpinned(), report.errors(), warnings, notes, report.database(),
                report.backends(), report.coverage());
    }

    public Applied apply(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        List<String> notes = new ArrayList<>();
        for (Finding f : findings) {
            Optional<Match> winner = f.isIgnored() ? Optional.empty() : decide(f);
            if (winner.isEmpty()) {
                out.add(f);
                continue;
            }
            Match m = winner.get();
            VexStatement s = m.statement();
            if (s.status().suppresses()) {
                out.add(f.withIgnore(new Ignore(m.matchedId(), reason(s), null, suppression(m))));
            } else {
                out.add(f);
                notes.add("VEX " + s.source().file().getFileName() + ": " + f.id() + " in " + f.packageName() + " "
                        + f.version() + " is " + s.status().openVex() + (s.actionStatement() == null ? ""
                        : " (action: " + s.actionStatement() + ")") + "; not suppressed");
            }
        }
        return new Applied(out, notes);
    }

    /** The statement that decides {@code f}, if any applies. */
    Optional<Match> decide(Finding f) {
        return PurlKey.of(f.ecosystem(), f.packageName(), f.version())
                .flatMap(pkg -> decide(f.allIds().toList(), pkg));
    }

    /** The statement that decides the vulnerability known by {@code ids} in package {@code pkg}, if any applies. */
    Optional<Match> decide(List<String> ids, PurlKey pkg) {
        Set<VexStatement> candidates = new LinkedHashSet<>();
        ids.forEach(id -> candidates.addAll(byId.getOrDefault(id.toUpperCase(Locale.ROOT), List.of())));
        Match best = null;
        for (VexStatement s : candidates) {
            Optional<String> product = s.products().stream()
                    .filter(p -> PurlKey.parse(p).map(k -> k.covers(pkg)).orElse(false)).findFirst();
            if (product.isPresent() && (best == null || LATEST.compare(s, best.statement()) > 0)) {
                best = new Match(s, product.get(), matchedId(ids, s));
            }
        }
        return Optional.ofNullable(best);
    }

    private static String matchedId(List<String> ids, VexStatement s) {
        Set<String> named = new LinkedHashSet<>();
        s.vulnerabilityIds().forEach(i -> named.add(i.toUpperCase(Locale.ROOT)));
        return ids.stream().filter(i -> named.contains(i.toUpperCase(Locale.ROOT))).findFirst()
                .orElse(ids.getFirst());
    }

    /** The reason every report shows: status, justification and impact statement in words. */
    static String reason(VexStatement s) {
        StringBuilder sb = new StringBuilder("VEX ").append(s.status().openVex());
        if (s.justification() != null) {
            sb.append(" (").append(s.justification()).append(')');
        }
        if (s.impactStatement() != null) {
            sb.append(": ").append(s.impactStatement().strip());
        }
        return sb.append(" [").append(s.source().documentId()).append(']').toString();
    }

    private static VexSuppression suppression(Match m) {
        VexStatement s = m.statement();
        return new VexSuppression(s.source().documentId(), s.source().file().toString(), s.source().format(),
                s.status().openVex(), s.justification(), s.impactStatement(), m.product(), s.timestamp());
    }

    /** A statement that applies to a finding, the product purl that matched and the finding id it named. */
    record Match(VexStatement statement, String product, String matchedId) {
    }
}
