package dev.bulwark.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.settings.Settings.WindowBounds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:30:15Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaultsWithoutNotice() {
        SettingsStore.Loaded loaded = new SettingsStore(dir.resolve("settings.json"), CLOCK).load();
        assertThat(loaded.settings()).isEqualTo(Settings.DEFAULTS);
        assertThat(loaded.notice()).isEmpty();
    }

    @Test
    void savedSettingsRoundTrip() throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("sub/settings.json"), CLOCK);
        Settings s = Settings.DEFAULTS.withTheme(Theme.LIGHT).withLastView("containers")
                .withWindow(new WindowBounds(10, 20, 1024, 700, false)).withAdvisoryStaleDays(3);
        store.save(s);
        assertThat(store.load().settings()).isEqualTo(s);
        try (Stream<Path> files = Files.list(dir.resolve("sub"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("settings.json");
        }
    }

    @Test
    void unknownPropertiesFromNewerVersionsAreIgnored() throws IOException {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"theme\":\"LIGHT\",\"futureFeature\":{\"x\":1}}");
        assertThat(new SettingsStore(f, CLOCK).load().settings().theme()).isEqualTo(Theme.LIGHT);
        assertThat(Files.exists(f)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"theme\": \"DARK\", ", "\u0000\u0001garbage\u00ff", "{\"theme\":\"PURPLE\"}",
            "null", "[1,2,3]", "{\"window\":{\"x\":0,\"y\":0,\"width\":-5,\"height\":10}}", "{} trailing"})
    void corruptFileIsMovedAsideAndDefaultsLoadWithNotice(String content) throws IOException {
        Path f = dir.resolve("settings.json");
        Files.write(f, content.getBytes(StandardCharsets.ISO_8859_1));
        SettingsStore.Loaded loaded = new SettingsStore(f, CLOCK).load();

        Path aside = dir.resolve("settings.json.corrupt-20261125-083015");
        assertThat(loaded.settings()).isEqualTo(Settings.DEFAULTS);
        assertThat(loaded.notice()).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("corrupt").contains(aside.toString());
        assertThat(f).doesNotExist();
        assertThat(aside).hasBinaryContent(content.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void filesWrittenBeforeTheDockerSectionLoadWithItsDefaults() throws IOException {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"theme\":\"LIGHT\",\"lastView\":\"containers\",\"advisoryStaleDays\":3}");
        Settings s = new SettingsStore(f, CLOCK).load().settings();
        assertThat(s.theme()).isEqualTo(Theme.LIGHT);
        assertThat(s.docker()).isEqualTo(DockerSettings.DEFAULTS);
        assertThat(s.docker().engines()).isEmpty();
        assertThat(s.docker().allowNonLoopbackTcp()).isFalse();
        assertThat(s.docker().restartLoopCount()).isEqualTo(3);
        assertThat(s.docker().restartLoopWindowMinutes()).isEqualTo(5);
    }

    @Test
    void partialAndNewerDockerSectionsKeepWhatIsKnownAndDefaultTheRest() throws IOException {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"docker\":{\"engines\":[{\"name\":\"lab\",\"uri\":\"unix:///tmp/d.sock\",\"color\":1}],"
                + "\"restartLoopCount\":7,\"futureFlag\":true}}");
        DockerSettings d = new SettingsStore(f, CLOCK).load().settings().docker();
        assertThat(d.engines()).containsExactly(new DockerSettings.Engine("lab", "unix:///tmp/d.sock", null));
        assertThat(d.restartLoopCount()).isEqualTo(7);
        assertThat(d.restartLoopWindowMinutes()).isEqualTo(5);
    }

    @Test
    void dockerSettingsRoundTrip() throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), CLOCK);
        Settings s = Settings.DEFAULTS.withDocker(DockerSettings.DEFAULTS
                .withEngine(new DockerSettings.Engine("remote", "tcp://10.0.0.5:2376", "/home/me/.docker/remote"))
                .withAllowNonLoopbackTcp(true).withRestartLoop(5, 10));
        store.save(s);
        assertThat(store.load().settings()).isEqualTo(s);
    }
}
