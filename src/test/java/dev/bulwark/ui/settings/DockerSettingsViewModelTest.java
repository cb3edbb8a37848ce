package dev.bulwark.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.settings.DockerSettings;
import dev.bulwark.settings.Settings;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker section of Settings: validation, the tcp policy, persistence, and the live hand-off. */
class DockerSettingsViewModelTest {
    @TempDir
    Path dir;

    private final List<DockerSettings> applied = new ArrayList<>();

    private SettingsStore store() {
        return new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
    }

    @Test
    void plainTcpToARemoteHostIsRefusedUntilTheUserAllowsIt() {
        try (SettingsService settings = new SettingsService(store(), Settings.DEFAULTS)) {
            DockerSettingsViewModel vm = new DockerSettingsViewModel(settings, applied::add);
            vm.newNameProperty().set("lab");
            vm.newUriProperty().set("tcp://192.0.2.10:2375");
            assertThat(vm.addEngine()).isFalse();
            assertThat(vm.errorProperty().get()).contains("engine lab").contains("plain tcp").contains("192.0.2.10");
            assertThat(vm.engines()).isEmpty();
            assertThat(applied).isEmpty();

            vm.allowNonLoopbackTcpProperty().set(true);
            assertThat(vm.addEngine()).isTrue();
            assertThat(vm.errorProperty().get()).isEmpty();
            assertThat(vm.engines()).containsExactly(new DockerSettings.Engine("lab", "tcp://192.0.2.10:2375", null));
            assertThat(applied.getLast().allowNonLoopbackTcp()).isTrue();
            assertThat(vm.newUriProperty().get()).isEmpty();
        }
        DockerSettings saved = store().load().settings().docker();
        assertThat(saved.allowNonLoopbackTcp()).isTrue();
        assertThat(saved.engines()).extracting(DockerSettings.Engine::name).containsExactly("lab");
    }

    @Test
    void socketsLoopbackTcpAndTlsEnginesAreAcceptedAndBadOnesNamed() {
        try (SettingsService settings = new SettingsService(store(), Settings.DEFAULTS)) {
            DockerSettingsViewModel vm = new DockerSettingsViewModel(settings, applied::add);
            add(vm, "second", "unix:///run/second-engine/docker.sock", "");
            add(vm, "local-tcp", "tcp://127.0.0.1:2375", "");
            add(vm, "remote-tls", "tcp://docker.example:2376", "/home/me/.docker/certs");
            assertThat(vm.engines()).extracting(DockerSettings.Engine::name).containsExactly("second", "local-tcp", "remote-tls");

            assertThat(addFails(vm, "odd", "ftp://x")).contains("unsupported scheme 'ftp'");
            assertThat(addFails(vm, "second", "unix:///other.sock")).contains("already exists");
            assertThat(addFails(vm, "default", "unix:///other.sock")).contains("'default'");
            assertThat(addFails(vm, "", "")).contains("URI is empty");
            assertThat(addFails(vm, "bad", "tcp://[oops")).contains("malformed");

            vm.removeEngine(vm.engines().getFirst());
            assertThat(vm.engines()).extracting(DockerSettings.Engine::name).containsExactly("local-tcp", "remote-tls");
            assertThat(applied.getLast().engines()).hasSize(2);
        }
    }

    @Test
    void restartLoopThresholdsArePersistedAndApplied() {
        try (SettingsService settings = new SettingsService(store(), Settings.DEFAULTS)) {
            DockerSettingsViewModel vm = new DockerSettingsViewModel(settings, applied::add);
            assertThat(vm.restartLoopCountProperty().get()).isEqualTo(3);
            vm.restartLoopCountProperty().set(6);
            vm.restartLoopWindowMinutesProperty().set(10);
            assertThat(applied.getLast().restartLoopCount()).isEqualTo(6);
            assertThat(applied.getLast().restartLoopWindowMinutes()).isEqualTo(10);
        }
        assertThat(store().load().settings().docker().restartLoopCount()).isEqualTo(6);
        assertThat(store().load().settings().docker().restartLoopWindowMinutes()).isEqualTo(10);
    }

    private static void add(DockerSettingsViewModel vm, String name, String uri, String tls) {
        vm.newNameProperty().set(name);
        vm.newUriProperty().set(uri);
        vm.newTlsDirProperty().set(tls);
        assertThat(vm.addEngine()).as(vm.errorProperty().get()).isTrue();
    }

    private static String addFails(DockerSettingsViewModel vm, String name, String uri) {
        vm.newNameProperty().set(name);
        vm.newUriProperty().set(uri);
        vm.newTlsDirProperty().set("");
        assertThat(vm.addEngine()).isFalse();
        return vm.errorProperty().get();
    }
}
