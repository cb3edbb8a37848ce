package dev.bulwark.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPathsTest {
    private final Path home = Path.of("/home/op");

    @Test
    void linuxFollowsXdgDefaults() {
        AppPaths p = AppPaths.resolve("Linux", home, Map.of());
        assertThat(p.config()).isEqualTo(Path.of("/home/op/.config/bulwark"));
        assertThat(p.data()).isEqualTo(Path.of("/home/op/.local/share/bulwark"));
        assertThat(p.cache()).isEqualTo(Path.of("/home/op/.cache/bulwark"));
        assertThat(p.logs()).isEqualTo(Path.of("/home/op/.local/share/bulwark/logs"));
    }

    @Test
    void linuxHonoursAbsoluteXdgVariablesAndIgnoresRelativeOnes() {
        AppPaths p = AppPaths.resolve("Linux", home,
                Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "relative/data", "XDG_CACHE_HOME", "/c"));
        assertThat(p.config()).isEqualTo(Path.of("/cfg/bulwark"));
        assertThat(p.data()).isEqualTo(Path.of("/home/op/.local/share/bulwark"));
        assertThat(p.cache()).isEqualTo(Path.of("/c/bulwark"));
    }

    @Test
    void windowsUsesAppData() {
        AppPaths p = AppPaths.resolve("Windows 11", home,
                Map.of("APPDATA", "/w/Roaming", "LOCALAPPDATA", "/w/Local"));
        assertThat(p.config()).isEqualTo(Path.of("/w/Roaming/Bulwark"));
        assertThat(p.data()).isEqualTo(Path.of("/w/Local/Bulwark"));
    }

    @Test
    void macUsesApplicationSupport() {
        AppPaths p = AppPaths.resolve("Mac OS X", home, Map.of());
        assertThat(p.config()).isEqualTo(Path.of("/home/op/Library/Application Support/Bulwark"));
        assertThat(p.cache()).isEqualTo(Path.of("/home/op/Library/Caches/Bulwark"));
    }
}
