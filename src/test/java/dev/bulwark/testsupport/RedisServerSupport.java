package dev.bulwark.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real {@code redis-server} for tests. Uses {@code BULWARK_TEST_REDIS} (a {@code redis://host:port}
 * URI) when set; otherwise starts a private server on 127.0.0.1 when {@code redis-server} is on PATH,
 * once per JVM, stopped by PID at exit (its temp folder removed). Missing Redis skips locally and fails in CI.
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
        if (onPath("redis-server") == null) {
            Requirements.missing("no BULWARK_TEST_REDIS and no redis-server on PATH");
        }
        uri = start();
        return uri;
    }

    private static String start() {
        try {
            Path dir = Files.createTempDirectory("bulwark-redis");
            LocalRedis server;
            try {
                server = LocalRedis.start(freePort(), dir, "--protected-mode", "yes");
            } catch (IOException | InterruptedException | RuntimeException e) {
                RedisServers.deleteTree(dir); // the reason (the server's log) is in the exception
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, dir), "redis-test-stop"));
            return "redis://127.0.0.1:" + server.port();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting redis-server", e);
        }
    }

    /** At JVM exit: stops the server and removes its folder (it holds only the log: no persistence). */
    private static void stop(LocalRedis server, Path dir) {
        server.close();
        try {
            RedisServers.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("[bulwark-tests] could not remove " + dir + ": " + e);
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
