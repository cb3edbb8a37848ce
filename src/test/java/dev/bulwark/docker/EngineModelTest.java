package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.docker.engine.EngineEvent;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.engine.InspectParser;
import dev.bulwark.docker.engine.LogChunk;
import dev.bulwark.docker.engine.MultiplexedLogReader;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.docker.model.ContainerState;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.model.PortBinding;
import dev.bulwark.docker.stats.Units;
import dev.bulwark.util.reconnect.ConnectionState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineModelTest {

    @Test
    void plainTcpToARemoteHostIsRefusedUnlessAllowedOrTls() {
        assertThatThrownBy(() -> EngineSpec.of("tcp://10.1.2.3:2375").validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.1.2.3").hasMessageContaining("refused");
        assertThatThrownBy(() -> EngineSpec.of("tcp://docker.example.com:2375").validate())
                .hasMessageContaining("refused");
        assertThat(new EngineSpec("r", URI.create("tcp://10.1.2.3:2375"), null, true).validate()).isNotNull();
        assertThat(new EngineSpec("r", URI.create("tcp://10.1.2.3:2376"), Path.of("/certs"), false).validate().tls()).isTrue();
        assertThat(EngineSpec.of("tcp://127.0.0.1:2375").validate()).isNotNull();
        assertThat(EngineSpec.of("tcp://localhost:2375").validate()).isNotNull();
        assertThat(EngineSpec.of("tcp://[::1]:2375").validate()).isNotNull();
        assertThat(EngineSpec.of("unix:///var/run/docker.sock").validate()).isNotNull();
        assertThat(EngineSpec.of("npipe:////./pipe/docker_engine").validate()).isNotNull();
        assertThatThrownBy(() -> EngineSpec.of("ssh://host").validate()).hasMessageContaining("unsupported scheme");
    }

    @Test
    void defaultEngineFollowsDockerHostOrThePlatform() {
        assertThat(EngineSpec.fromEnvironment(Map.of(), "Linux").host()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(EngineSpec.fromEnvironment(Map.of(), "Windows 11").host())
                .isEqualTo(URI.create("npipe:////./pipe/docker_engine"));
        EngineSpec tls = EngineSpec.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376",
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/home/u/certs"), "Linux");
        assertThat(tls.tlsCertDir()).isEqualTo(Path.of("/home/u/certs"));
        assertThat(tls.validate().host().getHost()).isEqualTo("10.0.0.5");
    }

    @Test
    void engineStatusDescribesItself() {
        Instant now = Instant.parse("2026-11-25T00:00:00Z");
        assertThat(new EngineStatus("e", ConnectionState.reconnecting("connection refused", now, now.plusMillis(2100)))
                .describe(now)).isEqualTo("reconnecting in 3 s: connection refused");
        assertThat(new EngineStatus("e", ConnectionState.unreachable("plain tcp refused", now)).describe(now))
                .isEqualTo("unreachable: plain tcp refused");
        assertThat(new EngineStatus("e", ConnectionState.connected(now)).describe(now)).isEqualTo("connected");
    }

    @Test
    void inspectGivesHealthProbesPortsAndComposeProject() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/docker/inspect-unhealthy.json")) {
            ContainerDetails d = InspectParser.parse(new ObjectMapper().readTree(in));
            assertThat(d.name()).startsWith("bwdock-");
            assertThat(d.state()).isEqualTo(ContainerState.RUNNING);
            assertThat(d.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(d.failingStreak()).isEqualTo(3);
            assertThat(d.lastProbes()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.output()).isEqualTo("checking");
                assertThat(p.exitCode()).isEqualTo(1);
            });
            assertThat(d.composeProject()).isEqualTo("shop");
            assertThat(d.labels()).containsEntry("tier", "web");
            assertThat(d.ports()).containsExactly(new PortBinding("127.0.0.1", 8080, 80, "tcp"));
            assertThat(d.ports().getFirst().display()).isEqualTo("127.0.0.1:8080->80/tcp");
            assertThat(d.startedAt()).isNotNull();
            assertThat(d.finishedAt()).isNull(); // 0001-01-01 means never
            assertThat(d.uptime(d.startedAt().plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
            assertThat(d.withState(ContainerState.EXITED).uptime(d.startedAt().plusSeconds(90))).isZero();
        }
    }

    @Test
    void multiplexedFramesAreSplitByStreamAndRawTtyPassesThrough() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frame(bytes, 1, "out line\n");
        frame(bytes, 2, "err line\n");
        MultiplexedLogReader r = new MultiplexedLogReader(new ByteArrayInputStream(bytes.toByteArray()), false);
        LogChunk a = r.next();
        LogChunk b = r.next();
        assertThat(a.source()).isEqualTo(LogChunk.Source.STDOUT);
        assertThat(new String(a.bytes(), StandardCharsets.UTF_8)).isEqualTo("out line\n");
        assertThat(b.source()).isEqualTo(LogChunk.Source.STDERR);
        assertThat(r.next()).isNull();

        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        frame(cut, 1, "0123456789");
        byte[] truncated = java.util.Arrays.copyOf(cut.toByteArray(), 12);
        assertThatThrownBy(() -> new MultiplexedLogReader(new ByteArrayInputStream(truncated), false).next())
                .isInstanceOf(EOFException.class);

        LogChunk tty = new MultiplexedLogReader(new ByteArrayInputStream("plain\n".getBytes(StandardCharsets.UTF_8)), true).next();
        assertThat(tty.source()).isEqualTo(LogChunk.Source.TTY);
    }

    @Test
    void eventVerbAndUnits() {
        assertThat(new EngineEvent("c", "health_status: unhealthy", Instant.EPOCH, null).verb()).isEqualTo("health_status");
        assertThat(Units.binary(1826816 - 1249280)).isEqualTo("564KiB");
        assertThat(Units.binary(25276518400L)).isEqualTo("23.54GiB");
        assertThat(Units.decimal(1234)).isEqualTo("1.23kB");
        assertThat(Units.decimal(0)).isEqualTo("0B");
        assertThat(Units.percent(199.876)).isEqualTo("199.88%");
        assertThat(Units.duration(Duration.ofSeconds(3 * 86400 + 4 * 3600 + 5))).isEqualTo("3d 4h");
    }

    private static void frame(ByteArrayOutputStream out, int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(new byte[]{(byte) stream, 0, 0, 0, (byte) (p.length >>> 24), (byte) (p.length >>> 16),
                (byte) (p.length >>> 8), (byte) p.length});
        out.writeBytes(p);
    }
}
