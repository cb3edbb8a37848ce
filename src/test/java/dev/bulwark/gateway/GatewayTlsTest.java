package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.client.GatewayClientConfig;
import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.client.GatewayStatus;
import dev.bulwark.testsupport.Requirements;
import dev.bulwark.util.reconnect.Backoff;
import dev.bulwark.util.reconnect.ConnectionState;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wss:// with a private CA given as a PEM file, against the Python gateway serving TLS with a certificate made here
 * by openssl for "localhost": trusted with the CA file, refused without it, and refused for a host name the
 * certificate does not name (hostname verification is always on).
 */
class GatewayTlsTest {
    private static final Duration T = Duration.ofSeconds(20);
    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Bulwark test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost\n");
        run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "ext.cnf", "-out", "server.pem");
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Requirements.missing("openssl is not installed: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static GatewayStatus connect(String url, Path ca) throws Exception {
        ClientProbe probe = new ClientProbe();
        GatewayClientConfig config = GatewayClientConfig.of(URI.create(url), "tls")
                .withBackoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)))
                .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(3)).withCaFile(ca)
                .withPollAfterFailures(1000);
        try (GatewayClients.Owned c = GatewayClients.open(config, null, Clock.systemUTC(), probe)) {
            c.client().subscribe(Channels.THREATS);
            c.client().start();
            return probe.awaitStatus(T, s -> ClientProbe.acked(s, Channels.THREATS)
                    || s.connection().kind() == ConnectionState.Kind.RECONNECTING);
        }
    }

    @Test
    void aPrivateCaIsTrustedFromItsFileAndHostNamesAreVerified() throws Exception {
        try (GatewayProcesses.Proc gw = GatewayProcesses.legacyGateway("--host", "127.0.0.1",
                "--tls-cert", dir.resolve("server.pem").toString(), "--tls-key", dir.resolve("server.key").toString())) {
            GatewayStatus trusted = connect("wss://localhost:" + gw.port, dir.resolve("ca.pem"));
            assertThat(ClientProbe.acked(trusted, Channels.THREATS)).as(String.valueOf(trusted.connection().reason())).isTrue();

            GatewayStatus unknownCa = connect("wss://localhost:" + gw.port, null);
            assertThat(unknownCa.connection().kind()).isEqualTo(ConnectionState.Kind.RECONNECTING);
            assertThat(unknownCa.connection().reason()).containsAnyOf("PKIX", "certification path");

            GatewayStatus wrongName = connect("wss://127.0.0.1:" + gw.port, dir.resolve("ca.pem"));
            assertThat(wrongName.connection().kind()).isEqualTo(ConnectionState.Kind.RECONNECTING);
            assertThat(wrongName.connection().reason()).containsIgnoringCase("subject alternative name");
        }
    }

    @Test
    void aCaFileThatIsNotPemIsNamedInTheError() throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.pem"), "not a certificate");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> GatewayClients.open(
                GatewayClientConfig.of(URI.create("wss://localhost:1"), "x").withCaFile(bogus), null, Clock.systemUTC(),
                new ClientProbe()));
        assertThat(e.getMessage()).contains(bogus.toString());
        assertThat(List.of(e.getMessage().split("\n"))).hasSize(1);
    }
}
