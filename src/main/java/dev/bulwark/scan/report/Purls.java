package dev.bulwark.scan.report;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.bulwark.scan.model.Ecosystem;
import java.util.Optional;

/** Package URLs (purl) for packages, per the purl spec's type rules (reports and VEX matching share them). */
public final class Purls {
    private Purls() {
    }

    /** The canonical purl of {@code name} {@code version} in {@code eco}, or empty when no valid purl exists. */
    public static Optional<String> of(Ecosystem eco, String name, String version) {
        try {
            String namespace = null;
            String simple = name;
            String type = switch (eco) {
                case PYPI -> "pypi";
                case NPM -> "npm";
                case GO -> "golang";
                case CRATES_IO -> "cargo";
                case MAVEN -> "maven";
                case RUBYGEMS -> "gem";
                case PACKAGIST -> "composer";
                case DEBIAN -> "deb";
                case ALPINE -> "apk";
            };
            if (eco == Ecosystem.DEBIAN || eco == Ecosystem.ALPINE) {
                namespace = eco == Ecosystem.DEBIAN ? "debian" : "alpine";
            }
            if (eco == Ecosystem.MAVEN && name.contains(":")) {
                namespace = name.substring(0, name.indexOf(':'));
                simple = name.substring(name.indexOf(':') + 1);
            } else if ((eco == Ecosystem.NPM && name.startsWith("@") || eco == Ecosystem.GO || eco == Ecosystem.PACKAGIST)
                    && name.contains("/")) {
                namespace = name.substring(0, name.lastIndexOf('/'));
                simple = name.substring(name.lastIndexOf('/') + 1);
            }
            return Optional.of(new PackageURL(type, namespace, simple, version, null, null).canonicalize());
        } catch (MalformedPackageURLException e) {
            return Optional.empty();
        }
    }
}
