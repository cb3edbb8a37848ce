package dev.bulwark.scan.osv;

import dev.bulwark.scan.model.Ecosystem;
import java.util.List;

/**
 * One {@code affected[]} entry of an OSV record, for an ecosystem Bulwark knows.
 *
 * @param ecosystem     the package's ecosystem
 * @param name          the package name, normalised like {@link dev.bulwark.scan.model.PackageRef#name()}
 * @param ranges        version ranges (GIT ranges are kept but never match versions)
 * @param versions      explicitly listed affected versions
 * @param informational RustSec's {@code database_specific.informational} ({@code unmaintained},
 *                      {@code unsound}, {@code notice}), or null for a real vulnerability
 * @param release       the release of a qualified ecosystem ({@code "12"} of {@code Debian:12}), or null
 */
public record OsvAffected(Ecosystem ecosystem, String name, List<OsvRange> ranges, List<String> versions,
                          String informational, String release) {
    public OsvAffected {
        ranges = List.copyOf(ranges);
        versions = List.copyOf(versions);
    }

    /** An entry of an unqualified ecosystem. */
    public OsvAffected(Ecosystem ecosystem, String name, List<OsvRange> ranges, List<String> versions,
                       String informational) {
        this(ecosystem, name, ranges, versions, informational, null);
    }

    /**
     * Whether this entry is about {@code p}: same ecosystem and name, and, when the advisory names a release,
     * the package's release (a {@code Debian:11} advisory says nothing about a {@code Debian:12} package).
     */
    public boolean concerns(dev.bulwark.scan.model.PackageRef p) {
        return ecosystem == p.ecosystem() && name.equals(p.name())
                && (release == null ? !p.ecosystem().isOs() : release.equals(p.release()));
    }
}
