package dev.bulwark.testsupport;

import java.nio.file.Path;

/**
 * The state folder of {@code scripts/test-services.sh}: {@code BULWARK_SERVICES_DIR}, else the script's default
 * ({@code bulwark-services} in the temp folder). Tests find the services' files (such as the busybox root file
 * system) only through here, never through a literal path: {@code .ci/run} gives every run a fresh folder.
 */
public final class TestServices {
    /** The folder name the script uses under the temp folder when {@code BULWARK_SERVICES_DIR} is unset. */
    static final String DEFAULT_NAME = "bulwark-services";

    private TestServices() {
    }

    /** The services' state folder (it may not exist). */
    public static Path dir() {
        String dir = System.getenv("BULWARK_SERVICES_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of("/tmp").resolve(DEFAULT_NAME);
    }

    /** The busybox root file system tar that the script imports as the test image. */
    public static Path busyboxTar() {
        return dir().resolve("busybox.tar");
    }
}
