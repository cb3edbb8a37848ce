package dev.bulwark.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.settings.Settings.Theme;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsServiceTest {
    @TempDir
    Path dir;

    @Test
    void updatesArePersistedInOrderAndFlushedOnClose() {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
        try (SettingsService service = new SettingsService(store, Settings.DEFAULTS)) {
            for (int i = 1; i <= 50; i++) {
                int days = i;
                service.update(s -> s.withAdvisoryStaleDays(days));
            }
            service.update(s -> s.withTheme(Theme.LIGHT));
            assertThat(service.get().advisoryStaleDays()).isEqualTo(50);
        }
        Settings reloaded = store.load().settings();
        assertThat(reloaded.advisoryStaleDays()).isEqualTo(50);
        assertThat(reloaded.theme()).isEqualTo(Theme.LIGHT);
    }
}
