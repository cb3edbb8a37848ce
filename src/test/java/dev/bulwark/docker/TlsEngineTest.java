package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.DockerEngineException;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.docker.monitor.Snapshotter;
import dev.bulwark.testsupport.Requirements;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private dockerd listening on tcp://127.0.0.1 with {@code --tlsverify}; certificates made with openssl for
 * this test only. The adapter connects with client certificates; without them it is turned away.
 */
class TlsEngineTest {

    @TempDir
    Path certs;

    @Test
    void tcpWithTlsClientCertificates() throws Exception {
        makeCertificates();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI tcp = URI.create("tcp://127.0.0.1:" + port);
        try (PrivateDockerd daemon = new PrivateDockerd()) {
            daemon.start(List.of("--host", tcp.toString(), "--tlsverify",
                    "--tlscacert", certs.resolve("ca.pem").toString(),
                    "--tlscert", certs.resolve("server-cert.pem").toString(),
                    "--tlskey", certs.resolve("server-key.pem").toString()));
            Path client = certs.resolve("client");
            try (DockerEngine engine = EngineFactory.dockerJava().open(new EngineSpec("tls", tcp, client, false));
                 Snapshotter snapshotter = new Snapshotter(List.of(engine), Clock.systemUTC())) {
                engine.ping();
                Snapshot s = snapshotter.take(true);
                assertThat(s.engines()).singleElement().satisfies(e -> assertThat(e.reason()).isNull());
            }
            try (DockerEngine plain = EngineFactory.dockerJava().open(new EngineSpec("plain", tcp, null, false))) {
                assertThatThrownBy(plain::ping).isInstanceOf(DockerEngineException.class).hasMessageContaining("plain");
            }
        }
    }

    private void makeCertificates() throws Exception {
        Path client = Files.createDirectories(certs.resolve("client"));
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=bulwark-test-ca");
        Files.writeString(certs.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Files.writeString(certs.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", "server-cert.pem", "-days", "2", "-extfile", "server.ext");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client/key.pem", "-out", "client.csr",
                "-subj", "/CN=bulwark-test-client");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", "client/cert.pem", "-days", "2", "-extfile", "client.ext");
        Files.copy(certs.resolve("ca.pem"), client.resolve("ca.pem"));
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(certs.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Requirements.missing("openssl is not available: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
