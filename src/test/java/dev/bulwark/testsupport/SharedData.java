package dev.bulwark.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared} (real OSV dumps and manifests). Its absence skips locally and fails in CI.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder, or the test is skipped/failed via {@link Requirements#missing}. */
    public static Path root() {
        String prop = System.getProperty("bulwark.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared");
        if (!Files.isDirectory(p.resolve("osv-db"))) {
            Requirements.missing("../shared (real OSV data and manifests) not found at " + p.toAbsolutePath());
        }
        return p.toAbsolutePath().normalize();
    }

    /** {@code shared/osv-db}. */
    public static Path osvDb() {
        return root().resolve("osv-db");
    }

    /** {@code shared/schemas/NAME} (official SARIF and OpenVEX schemas). */
    public static Path schema(String name) {
        Path p = root().resolve("schemas").resolve(name);
        if (!Files.isRegularFile(p)) {
            Requirements.missing(p + " not found (../shared/schemas is new; update ../shared)");
        }
        return p;
    }

    /** {@code shared/manifests}. */
    public static Path manifests() {
        return root().resolve("manifests");
    }
}
