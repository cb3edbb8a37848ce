package dev.bulwark.scan.match;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.OsvAffected;
import dev.bulwark.scan.osv.OsvEvent;
import dev.bulwark.scan.osv.OsvRange;
import io.github.nscuro.versatile.spi.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exact OSV matching: a version is affected when it is listed in {@code versions[]} or falls inside an
 * {@code ECOSYSTEM}/{@code SEMVER} range (introduced / fixed / last_affected / limit). {@code GIT} ranges
 * never match package versions.
 */
public final class AffectedEvaluator {
    private final VersionOrder order;

    public AffectedEvaluator(VersionOrder order) {
        this.order = order;
    }

    public VersionOrder order() {
        return order;
    }

    /**
     * Evaluates {@code version} against one affected entry.
     *
     * @throws UnparseableVersionException when the installed version cannot be ordered and is not listed
     */
    public Evaluation evaluate(OsvAffected affected, String version) throws UnparseableVersionException {
        return prepare(affected).evaluate(version);
    }

    /**
     * The entry with its range events parsed and ordered once, for evaluating many versions against it (the fix
     * advisor tries every fixed version of every advisory of a package against all of them).
     */
    public Prepared prepare(OsvAffected affected) {
        return new Prepared(affected);
    }

    /** One affected entry, ready to evaluate versions against; not thread-safe. */
    public final class Prepared {
        private final OsvAffected affected;
        private final List<List<Parsed>> ranges = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private String[] leads;

        private Prepared(OsvAffected affected) {
            this.affected = affected;
            for (OsvRange range : affected.ranges()) {
                if (range.ordersPackageVersions()) {
                    ranges.add(parseEvents(affected.ecosystem(), range, problems));
                }
            }
        }

        /**
         * Whether {@code version} is affected by this entry.
         *
         * @throws UnparseableVersionException when the version cannot be ordered and is not listed
         */
        public Evaluation evaluate(String version) throws UnparseableVersionException {
            Ecosystem eco = affected.ecosystem();
            boolean listed = affected.versions().contains(version);
            Version installed;
            try {
                installed = order.parse(eco, version);
            } catch (UnparseableVersionException e) {
                if (listed) {
                    return new Evaluation(true, List.of(), List.of(e.getMessage()));
                }
                throw e;
            }
            boolean inRange = false;
            List<Parsed> fixedAbove = new ArrayList<>();
            for (List<Parsed> events : ranges) {
                inRange |= inRange(installed, events);
                for (Parsed p : events) {
                    if (p.event.kind() == OsvEvent.Kind.FIXED && p.version.compareTo(installed) > 0) {
                        fixedAbove.add(p);
                    }
                }
            }
            if (!listed && !inRange) {
                // Listed versions may be spelled differently (PEP 440: 1.0 == 1.0.0); only candidates sharing the
                // leading number can be equal, which spares parsing long version lists.
                String lead = leadingNumber(version);
                List<String> versions = affected.versions();
                if (leads == null) {
                    leads = versions.stream().map(AffectedEvaluator::leadingNumber).toArray(String[]::new);
                }
                for (int i = 0; i < leads.length; i++) {
                    if (lead.equals(leads[i]) && equalVersions(eco, versions.get(i), installed)) {
                        listed = true;
                        break;
                    }
                }
            }
            List<String> fixed = fixedAbove.stream().sorted(Comparator.comparing(Parsed::version))
                    .map(p -> p.event.version()).distinct().toList();
            return new Evaluation(listed || inRange, fixed, problems);
        }
    }

    private static String leadingNumber(String v) {
        int start = v.startsWith("v") || v.startsWith("V") ? 1 : 0;
        int end = start;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        // Leading zeros do not change the number ("01" == "1"); a lone "0" stays. No regex: this runs for every
        // listed version of every candidate advisory (hundreds per popular package), and a Pattern per call was two
        // thirds of the offline backend's time in a cold 51-package scan and dominated image matching.
        while (start < end - 1 && v.charAt(start) == '0') {
            start++;
        }
        return v.substring(start, end);
    }

    private boolean equalVersions(Ecosystem eco, String listed, Version installed) {
        try {
            return order.parse(eco, listed).compareTo(installed) == 0;
        } catch (UnparseableVersionException e) {
            return false; // a listed version we cannot read cannot equal one we can
        }
    }

    private List<Parsed> parseEvents(Ecosystem eco, OsvRange range, List<String> problems) {
        List<Parsed> parsed = new ArrayList<>();
        for (OsvEvent e : range.events()) {
            boolean zero = e.kind() == OsvEvent.Kind.INTRODUCED && e.version().equals("0");
            try {
                parsed.add(new Parsed(e, zero ? null : order.parse(eco, e.version())));
            } catch (UnparseableVersionException ex) {
                problems.add(ex.getMessage());
            }
        }
        // "0" sorts first; otherwise by version, keeping record order for equal versions.
        parsed.sort(Comparator.comparing((Parsed p) -> p.version, Comparator.nullsFirst(Comparator.naturalOrder())));
        return parsed;
    }

    private static boolean inRange(Version v, List<Parsed> events) {
        boolean affected = false;
        List<Version> limits = new ArrayList<>();
        for (Parsed p : events) {
            switch (p.event.kind()) {
                case INTRODUCED -> {
                    if (p.version == null || v.compareTo(p.version) >= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (v.compareTo(p.version) >= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (v.compareTo(p.version) > 0) {
                        affected = false;
                    }
                }
                case LIMIT -> limits.add(p.version);
            }
        }
        return affected && (limits.isEmpty() || limits.stream().anyMatch(l -> v.compareTo(l) < 0));
    }

    private record Parsed(OsvEvent event, Version version) {
    }
}
