package dev.bulwark.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real {@code redis-server} for tests. Uses {@code BULWARK_TEST_REDIS} (a {@code redis://host:port}
 * URI) when set; otherwise starts a private server on 127.0.0.1 when {@code redis-server} is on PATH,
 * once per JVM, stopped by PID at exit. Missing Redis skips locally and fails in CI.
 */
public final class RedisServerSupport {
    private static String uri;

    private RedisServerSupport() {
    }

    /** A {@code redis://127.0.0.1:PORT} URI of a running server. */
    public static synchronized String uri() {
        if (uri != null) {
            return uri;
        }
        String env = System.getenv("BULWARK_TEST_REDIS");
        if (env != null && !env.isBlank()) {
            uri = env.trim();
            return uri;
        }
        Path exe = onPath("redis-server");
        if (exe == null) {
            Requirements.missing("no BULWARK_TEST_REDIS and no redis-server on PATH");
        }
        uri = start(exe);
        return uri;
    }

    private static String start(Path exe) {
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("bulwark-redis");
            Process p = new ProcessBuilder(exe.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "yes")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "redis-test-stop"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (Instant.now().isBefore(deadline)) {
                if (ping(port)) {
                    return "redis://127.0.0.1:" + port;
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("redis-server did not answer PING on port " + port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting redis-server", e);
        }
    }

    private static boolean ping(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[7];
            int n = s.getInputStream().read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** A currently free TCP port on loopback. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String dir : new String[]{"/usr/bin", "/usr/sbin", "/usr/local/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
