package dev.bulwark.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of a test's own (a password, cluster mode), started on a given 127.0.0.1 port with its
 * files in a given folder, and stopped by its process handle. Skips (locally) when redis-server is missing.
 * Test classes get theirs through {@link RedisServers}, which owns the folder and removes it afterwards.
 */
public final class LocalRedis implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private LocalRedis(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The {@code redis-server} on PATH; skips the test (fails in CI) when there is none. */
    public static Path executable(String name) {
        Path exe = RedisServerSupport.onPath(name);
        if (exe == null) {
            Requirements.missing("no " + name + " on PATH");
        }
        return exe;
    }

    /** Starts {@code redis-server --port PORT ...extra} with no persistence, and waits until it answers. */
    public static LocalRedis start(int port, Path dir, String... extra) throws IOException, InterruptedException {
        Path exe = executable("redis-server");
        Files.createDirectories(dir);
        Path log = dir.resolve("redis-" + port + ".log");
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        cmd.addAll(Arrays.asList(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalRedis r = new LocalRedis(p, port, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(log).contains("Ready to accept connections")) {
                return r;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        r.close();
        throw new IllegalStateException("redis-server on port " + port + " did not start: " + Files.readString(log));
    }

    public int port() {
        return port;
    }

    /** What the server wrote. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Runs {@code redis-cli args...} to its end; returns its output (stdout and stderr). */
    public static String cli(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable("redis-cli").toString()));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("redis-cli " + String.join(" ", args) + " did not finish");
        }
        String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("redis-cli " + String.join(" ", args) + " failed: " + text);
        }
        return text;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
