package dev.bulwark.scan.vex;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.report.Purls;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A package URL reduced to what identifies a package version for VEX matching: type, namespace, name and version.
 * Qualifiers (e.g. {@code ?arch=x86_64}, {@code ?type=jar}) and subpath are ignored. Names are normalised the way
 * their ecosystem compares them (PyPI per PEP 503; npm, PyPI and purl types the purl spec lists as
 * case-insensitive are lower-cased), and a Go version's {@code v} prefix is optional. A key without version
 * (a product purl without {@code @version}) matches every version.
 *
 * @param type      lower-case purl type
 * @param namespace normalised namespace or null
 * @param name      normalised name
 * @param version   version or null for "any version"
 */
public record PurlKey(String type, String namespace, String name, String version) {

    /** Parses {@code purl}; empty when it is not a valid package URL. */
    public static Optional<PurlKey> parse(String purl) {
        if (purl == null || !purl.regionMatches(true, 0, "pkg:", 0, 4)) {
            return Optional.empty();
        }
        try {
            PackageURL p = new PackageURL(purl.trim());
            String type = p.getType().toLowerCase(Locale.ROOT);
            return Optional.of(new PurlKey(type, normalise(type, p.getNamespace()), normalise(type, p.getName()),
                    version(type, p.getVersion())));
        } catch (MalformedPackageURLException e) {
            return Optional.empty();
        }
    }

    /** The key of a scanned package, built with the same purl rules as the reports. */
    public static Optional<PurlKey> of(Ecosystem ecosystem, String name, String version) {
        return Purls.of(ecosystem, name, version).flatMap(PurlKey::parse);
    }

    /** True when this (a statement's product) names {@code pkg}: same package, and same version unless unversioned. */
    public boolean covers(PurlKey pkg) {
        return type.equals(pkg.type) && Objects.equals(namespace, pkg.namespace) && name.equals(pkg.name)
                && (version == null || version.equals(pkg.version));
    }

    private static String normalise(String type, String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return switch (type) {
            case "pypi" -> s.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            case "npm", "bitbucket", "github", "composer", "deb", "apk", "rpm" -> s.toLowerCase(Locale.ROOT);
            default -> s;
        };
    }

    private static String version(String type, String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        return type.equals("golang") && v.startsWith("v") ? v.substring(1) : v;
    }
}
