package dev.bulwark.scan.model;

import java.util.Locale;
import java.util.Optional;

/** Package ecosystems, named as OSV names them in {@code affected[].package.ecosystem}. */
public enum Ecosystem {
    PYPI("PyPI"),
    NPM("npm"),
    GO("Go"),
    CRATES_IO("crates.io"),
    MAVEN("Maven"),
    RUBYGEMS("RubyGems"),
    PACKAGIST("Packagist"),
    /** Debian source packages; OSV qualifies each advisory with the release ({@code Debian:12}). */
    DEBIAN("Debian"),
    /** Alpine source packages (apk origins); OSV qualifies each advisory with the release ({@code Alpine:v3.19}). */
    ALPINE("Alpine");

    private final String osvName;

    Ecosystem(String osvName) {
        this.osvName = osvName;
    }

    /** The exact OSV spelling, e.g. {@code crates.io}. */
    public String osvName() {
        return osvName;
    }

    /**
     * Looks an OSV ecosystem name up, exactly (case-insensitive), without a release suffix: {@code "Debian"}
     * matches, {@code "Debian:12"} does not (see {@link #release(String)} for those).
     */
    public static Optional<Ecosystem> fromOsv(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Ecosystem e : values()) {
            if (e.osvName.equalsIgnoreCase(name.trim())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The ecosystem of an OSV ecosystem string that may carry a release: {@code "Debian:12"} and {@code "Debian"}
     * both give {@link #DEBIAN}.
     */
    public static Optional<Ecosystem> fromOsvQualified(String name) {
        if (name == null) {
            return Optional.empty();
        }
        int colon = name.indexOf(':');
        return fromOsv(colon < 0 ? name : name.substring(0, colon));
    }

    /** The release part of an OSV ecosystem string ({@code "12"} of {@code "Debian:12"}), or null when none. */
    public static String release(String name) {
        if (name == null) {
            return null;
        }
        int colon = name.indexOf(':');
        return colon < 0 || colon == name.length() - 1 ? null : name.substring(colon + 1).trim();
    }

    /** True for distribution ecosystems, whose advisories name a release and whose packages come from images. */
    public boolean isOs() {
        return this == DEBIAN || this == ALPINE;
    }

    @Override
    public String toString() {
        return osvName;
    }

    /** Lower-case key for file names and JSON. */
    public String key() {
        return osvName.toLowerCase(Locale.ROOT);
    }
}
