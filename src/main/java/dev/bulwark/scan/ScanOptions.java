package dev.bulwark.scan;

import dev.bulwark.scan.policy.FailOn;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How to run a scan.
 *
 * @param backends             backend names: {@code osv-offline}, {@code osv.dev}, {@code pip-audit}, {@code osv-scanner}
 * @param osvApi               OSV.dev API base URL (for {@code osv.dev})
 * @param cacheDir             where online records are cached and tools work
 * @param toolPath             the PATH searched for external tools
 * @param timeout              network and tool timeout
 * @param ignoreFile           explicit ignore file, or null to look for {@code .bulwark-ignore.yaml} at each root
 * @param failOn               threshold for exit code 1
 * @param includeInformational count informational advisories towards {@code failOn}
 * @param relativeTo           report paths relative to this folder when under it (null keeps them absolute)
 * @param vexFiles             OpenVEX / CycloneDX VEX files whose not_affected / fixed statements suppress findings
 */
public record ScanOptions(Set<String> backends, URI osvApi, Path cacheDir, String toolPath, Duration timeout,
                          Path ignoreFile, FailOn failOn, boolean includeInformational, Path relativeTo,
                          List<Path> vexFiles) {
    public static final String OFFLINE = "osv-offline";
    public static final String ONLINE = "osv.dev";
    public static final String PIP_AUDIT = "pip-audit";
    public static final String OSV_SCANNER = "osv-scanner";
    /** Every backend name, in run order. */
    public static final List<String> ALL_BACKENDS = List.of(OFFLINE, ONLINE, PIP_AUDIT, OSV_SCANNER);

    public ScanOptions {
        backends = Set.copyOf(backends);
        vexFiles = vexFiles == null ? List.of() : List.copyOf(vexFiles);
    }

    /** Options without VEX files. */
    public ScanOptions(Set<String> backends, URI osvApi, Path cacheDir, String toolPath, Duration timeout,
                       Path ignoreFile, FailOn failOn, boolean includeInformational, Path relativeTo) {
        this(backends, osvApi, cacheDir, toolPath, timeout, ignoreFile, failOn, includeInformational, relativeTo,
                List.of());
    }
}
