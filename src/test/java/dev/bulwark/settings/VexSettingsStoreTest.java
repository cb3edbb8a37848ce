package dev.bulwark.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VEX section of settings.json. */
class VexSettingsStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void vexFilesAndAuthorRoundTripAndOlderFilesGetTheDefaults() throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), CLOCK);
        Settings s = Settings.DEFAULTS.withVex(new VexSettings(List.of("/srv/vex/a.json", "/srv/vex/b.cdx.xml"),
                "  Ops team <ops@example.com> "));
        store.save(s);

        Settings loaded = store.load().settings();
        assertThat(loaded).isEqualTo(s);
        assertThat(loaded.vex().author()).isEqualTo("Ops team <ops@example.com>");
        assertThat(loaded.vex().files()).containsExactly("/srv/vex/a.json", "/srv/vex/b.cdx.xml");

        Files.writeString(store.file(), "{\"theme\":\"LIGHT\",\"advisoryStaleDays\":9}");
        Settings older = store.load().settings();
        assertThat(older.vex()).isEqualTo(VexSettings.DEFAULTS);
        assertThat(older.advisoryStaleDays()).isEqualTo(9);
        assertThat(new VexSettings(null, " ").author()).isEqualTo(VexSettings.DEFAULT_AUTHOR);
    }
}
