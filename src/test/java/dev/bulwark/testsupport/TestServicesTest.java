package dev.bulwark.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real services the suite relies on are reachable as configured (CI fails here first, with a clear
 * reason, when test-services.sh did not run).
 */
class TestServicesTest {
    @Test
    void redisAnswersPing() throws IOException {
        URI uri = URI.create(RedisServerSupport.uri());
        assertThat(uri.getHost()).isIn("127.0.0.1", "localhost");
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[5];
            assertThat(s.getInputStream().read(buf)).isEqualTo(5);
            assertThat(new String(buf, StandardCharsets.US_ASCII)).isEqualTo("+PONG");
        }
    }

    @Test
    void dockerEngineAnswersPing() {
        String host = DockerEngineSupport.dockerHost();
        assertThat(host).startsWith("unix://");
        assertThat(DockerEngineSupport.ping(Path.of(host.substring("unix://".length())))).isTrue();
    }
}
