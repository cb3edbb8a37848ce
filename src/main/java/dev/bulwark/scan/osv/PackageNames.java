package dev.bulwark.scan.osv;

import dev.bulwark.scan.model.Ecosystem;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises package names the way each ecosystem compares them, so DB and manifests agree. */
public final class PackageNames {
    private static final Pattern PEP503_SEPARATORS = Pattern.compile("[-_.]+");

    private PackageNames() {
    }

    /** PEP 503 for PyPI (lower case, runs of {@code -_.} become {@code -}); other ecosystems as given. */
    public static String normalise(Ecosystem ecosystem, String name) {
        String trimmed = name.trim();
        return switch (ecosystem) {
            case PYPI -> PEP503_SEPARATORS.matcher(trimmed.toLowerCase(Locale.ROOT)).replaceAll("-");
            // Packagist and RubyGems names are case-insensitive in practice; npm names are lower-case.
            case PACKAGIST -> trimmed.toLowerCase(Locale.ROOT);
            default -> trimmed;
        };
    }
}
