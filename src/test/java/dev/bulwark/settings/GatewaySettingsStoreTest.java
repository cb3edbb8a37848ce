package dev.bulwark.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway section of settings.json and the token's own file. */
class GatewaySettingsStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T08:30:15Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void gatewaySettingsRoundTrip() throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), CLOCK);
        Settings s = Settings.DEFAULTS.withGateway(GatewaySettings.DEFAULTS.withUrl("wss://gw.example:8443")
                .withClientId("bulwark-0a1b2c3d").withCaFile("/etc/ca.pem").withHeartbeatSeconds(20)
                .withChannels(List.of("maximus:threats", "maximus:ai")).withAutoConnect(true)
                .withForwarding("redis://127.0.0.1:6379", true, false));
        store.save(s);
        assertThat(store.load().settings()).isEqualTo(s);
        assertThat(Files.readString(store.file())).doesNotContainIgnoringCase("token");
    }

    @Test
    void anOlderFileWithoutTheGatewayKeyLoadsWithTheDefaults() throws IOException {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, """
                {"theme":"LIGHT","lastView":"containers","advisoryStaleDays":3,
                 "docker":{"engines":[],"allowNonLoopbackTcp":false,"restartLoopCount":3,"restartLoopWindowMinutes":5}}
                """);
        SettingsStore.Loaded loaded = new SettingsStore(f, CLOCK).load();
        assertThat(loaded.notice()).isEmpty();
        assertThat(loaded.settings().theme()).isEqualTo(Settings.Theme.LIGHT);
        GatewaySettings g = loaded.settings().gateway();
        assertThat(g).isEqualTo(GatewaySettings.DEFAULTS);
        assertThat(g.configured()).isFalse();
        assertThat(g.clientId()).isNull(); // generated (once) by the application, then kept
        assertThat(g.heartbeatSeconds()).isEqualTo(15);
        assertThat(g.channels()).containsExactly("maximus:threats", "maximus:containers", "maximus:tasks");
        assertThat(g.forwardTarget()).isEqualTo("none");
    }

    @Test
    void aPartialGatewaySectionTakesDefaultsForWhatIsMissing() throws IOException {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"gateway\":{\"url\":\" ws://127.0.0.1:8000 \",\"clientId\":\"bulwark-12345678\"}}");
        GatewaySettings g = new SettingsStore(f, CLOCK).load().settings().gateway();
        assertThat(g.url()).isEqualTo("ws://127.0.0.1:8000");
        assertThat(g.clientId()).isEqualTo("bulwark-12345678");
        assertThat(g.heartbeatSeconds()).isEqualTo(15);
        assertThat(g.channels()).isEqualTo(GatewaySettings.DEFAULT_CHANNELS);
        assertThat(g.forwardTarget()).isEqualTo("none");
    }

    @Test
    void clientIdsAreBulwarkAndEightHexDigits() {
        assertThat(GatewaySettings.newClientId()).matches("bulwark-[0-9a-f]{8}");
        assertThat(GatewaySettings.newClientId()).isNotEqualTo(GatewaySettings.newClientId());
    }

    @Test
    void forwardTargetsAreCheckedByForm() {
        assertThat(GatewaySettings.checkForwardTarget(" ")).isEqualTo("none");
        assertThat(GatewaySettings.checkForwardTarget("Gateway")).isEqualTo("gateway");
        assertThat(GatewaySettings.checkForwardTarget("https://gw:8443")).isEqualTo("https://gw:8443");
        assertThat(GatewaySettings.checkForwardTarget("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
        assertThatThrownBy(() -> GatewaySettings.checkForwardTarget("tcp://x")).hasMessageContaining("forward target");
    }

    @Test
    void theTokenFileIsOwnerOnlyAtomicAndReadAgainEachTime() throws IOException {
        GatewayTokenStore tokens = new GatewayTokenStore(dir.resolve("config").resolve("gateway-token"));
        assertThat(tokens.read()).isNull();
        assertThat(tokens.isSet()).isFalse();
        tokens.write("  first-token\n");
        assertThat(tokens.read()).isEqualTo("first-token");
        Path file = tokens.file();
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        tokens.write("second-token");
        assertThat(tokens.readOrNull()).isEqualTo("second-token");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("gateway-token");
        }
        assertThatThrownBy(() -> tokens.write("two words")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("two words");
        assertThat(tokens.read()).isEqualTo("second-token");
        tokens.write("");
        assertThat(file).doesNotExist();
        assertThat(tokens.isSet()).isFalse();
    }
}
