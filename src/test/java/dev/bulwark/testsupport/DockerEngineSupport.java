package dev.bulwark.testsupport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Docker engine for tests, found through {@code DOCKER_HOST} (scripts/test-services.sh starts a
 * private one). Missing or not answering {@code /_ping}: skip locally, fail in CI.
 */
public final class DockerEngineSupport {
    private DockerEngineSupport() {
    }

    /** The {@code DOCKER_HOST} value of a reachable engine. */
    public static String dockerHost() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            Requirements.missing("DOCKER_HOST is not set (run scripts/test-services.sh)");
        }
        if (host.startsWith("unix://")) {
            Path sock = Path.of(host.substring("unix://".length()));
            if (!Files.exists(sock) || !ping(sock)) {
                Requirements.missing("Docker engine at " + host + " does not answer /_ping");
            }
        }
        return host;
    }

    /** The image tag that test-services.sh imports from busybox-static; override with BULWARK_TEST_IMAGE. */
    public static String image() {
        String img = System.getenv("BULWARK_TEST_IMAGE");
        return img == null || img.isBlank() ? "bulwark/busybox:latest" : img;
    }

    /** True when the engine behind {@code socket} answers {@code GET /_ping} with 200. */
    public static boolean ping(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(256);
            ch.read(buf);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).contains(" 200 ");
        } catch (IOException e) {
            return false;
        }
    }
}
