package dev.bulwark.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bulwark} in a child JVM ({@code java -cp ... dev.bulwark.app.Main}), as a user runs it: the production
 * logging configuration (the test class path, with its {@code logback-test.xml}, is left off), {@code BULWARK_HOME}
 * in a given folder (so its log file can be read), optionally under a umask, a heap limit, or another user.
 */
public final class ChildCli {
    /** What a finished run printed. */
    public record Result(int exit, String out, String err) {
        /** The non-blank stderr lines. */
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private final Path home;
    private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Xmx512m"));
    private final Map<String, String> env = new LinkedHashMap<>();
    private String classPath = productionClassPath();
    private String umask;
    private SecondUser user;
    private Path directory;

    private ChildCli(Path home) {
        this.home = home;
    }

    /** A CLI whose {@code BULWARK_HOME} (settings, data, logs) is {@code home}. */
    public static ChildCli withHome(Path home) {
        return new ChildCli(home);
    }

    /** Replaces the JVM options (default {@code -XX:TieredStopAtLevel=1 -Xmx512m}, as the launcher). */
    public ChildCli jvm(String... options) {
        jvmOptions.clear();
        jvmOptions.addAll(Arrays.asList(options));
        return this;
    }

    public ChildCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs under {@code umask} (e.g. {@code "022"}) instead of the test JVM's. */
    public ChildCli umask(String mask) {
        this.umask = mask;
        return this;
    }

    /** Runs as {@code user}, with a class path that user can read. */
    public ChildCli as(SecondUser user) {
        this.user = user;
        this.classPath = user.readableClassPath();
        return this;
    }

    /** The working folder (default: {@code home}). */
    public ChildCli in(Path dir) {
        this.directory = dir;
        return this;
    }

    /** The log file the child writes. */
    public Path logFile() {
        return home.resolve("data").resolve("logs").resolve("bulwark.log");
    }

    /** Starts {@code bulwark args...}; stdout and stderr go to files under {@code home}. */
    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (user != null) {
            cmd.addAll(user.commandPrefix());
        }
        if (umask != null) {
            cmd.addAll(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (user != null) {
            cmd.add(SecondUser.NO_PERF_DATA);
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, "dev.bulwark.app.Main"));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory((directory == null ? home : directory).toFile());
        pb.environment().put("BULWARK_HOME", home.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs {@code bulwark args...} to its end (killed and failed after {@code timeout}). */
    public Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        Process p = start(args);
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("bulwark " + String.join(" ", args) + " still running after " + timeout
                    + "; stderr: " + err.join());
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    /** The test JVM's class path without test classes (and so without {@code logback-test.xml}). */
    static String productionClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (!(Files.isDirectory(p) && p.getFileName().toString().equals("test-classes"))) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
