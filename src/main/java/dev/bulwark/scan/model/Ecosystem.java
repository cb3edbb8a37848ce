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
    PACKAGIST("Packagist");

    private final String osvName;

    Ecosystem(String osvName) {
        this.osvName = osvName;
    }

    /** The exact OSV spelling, e.g. {@code crates.io}. */
    public String osvName() {
        return osvName;
    }

    /**
     * Looks an OSV ecosystem string up; OSV may suffix a release (e.g. {@code "Debian:11"}), which is
     * not one of ours, so only exact names (case-insensitive) match.
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

    @Override
    public String toString() {
        return osvName;
    }

    /** Lower-case key for file names and JSON. */
    public String key() {
        return osvName.toLowerCase(Locale.ROOT);
    }
}
