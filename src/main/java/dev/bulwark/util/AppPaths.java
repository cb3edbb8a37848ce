package dev.bulwark.util;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Per-user directories, following each platform's convention: XDG base directories on Linux,
 * {@code %APPDATA%}/{@code %LOCALAPPDATA%} on Windows, {@code ~/Library/...} on macOS.
 *
 * @param config settings and other small user-edited state
 * @param data   databases, logs, scan history
 * @param cache  files that can be rebuilt at any time
 */
public record AppPaths(Path config, Path data, Path cache) {

    private static final String APP = "bulwark";

    public AppPaths {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(cache, "cache");
    }

    /** Directories for the running user, from the real environment and system properties. */
    public static AppPaths forCurrentUser() {
        String override = System.getProperty("bulwark.home", System.getenv("BULWARK_HOME"));
        if (override != null && !override.isBlank()) {
            return under(Path.of(override));
        }
        return resolve(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")), System.getenv());
    }

    /** All three directories under one root; used by tests and by {@code BULWARK_HOME}. */
    public static AppPaths under(Path root) {
        return new AppPaths(root.resolve("config"), root.resolve("data"), root.resolve("cache"));
    }

    /** Pure resolution from an OS name, a home directory and an environment; unit-testable. */
    public static AppPaths resolve(String osName, Path home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path roaming = pathOr(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
            Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
            return new AppPaths(roaming.resolve("Bulwark"), local.resolve("Bulwark"),
                    local.resolve("Bulwark").resolve("Cache"));
        }
        if (os.contains("mac")) {
            Path support = home.resolve("Library").resolve("Application Support").resolve("Bulwark");
            return new AppPaths(support, support, home.resolve("Library").resolve("Caches").resolve("Bulwark"));
        }
        return new AppPaths(
                pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve(APP),
                pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share")).resolve(APP),
                pathOr(env.get("XDG_CACHE_HOME"), home.resolve(".cache")).resolve(APP));
    }

    /** The log directory inside {@link #data()}. */
    public Path logs() {
        return data.resolve("logs");
    }

    private static Path pathOr(String value, Path fallback) {
        // XDG says relative values are invalid and must be ignored.
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }
}
