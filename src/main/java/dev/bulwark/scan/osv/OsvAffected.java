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
 */
public record OsvAffected(Ecosystem ecosystem, String name, List<OsvRange> ranges, List<String> versions,
                          String informational) {
    public OsvAffected {
        ranges = List.copyOf(ranges);
        versions = List.copyOf(versions);
    }
}
