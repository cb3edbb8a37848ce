package dev.bulwark.scan.backend;

import dev.bulwark.util.NamedThreads;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Finds a command on a PATH and runs it with a timeout, capturing stdout and stderr on named virtual threads.
 * The PATH is injected so tests can supply their own.
 */
public final class ExternalTool {
    private static final int MAX_OUTPUT = 64 << 20;

    private final String command;
    private final String searchPath;
    private final Duration timeout;

    /** {@code searchPath} uses the platform separator, like the {@code PATH} variable. */
    public ExternalTool(String command, String searchPath, Duration timeout) {
        this.command = command;
        this.searchPath = searchPath == null ? "" : searchPath;
        this.timeout = timeout;
    }

    /** What a run produced. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** The executable, if on the search path. */
    public Optional<Path> locate() {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : List.of(command, command + ".exe", command + ".cmd")) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs the tool with {@code args}; throws when it cannot start, times out or output is too large. */
    public Result run(List<String> args, Path workDir) throws IOException, InterruptedException {
        Path exe = locate().orElseThrow(() -> new IOException(command + " not found on PATH"));
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("PATH", searchPath);
        Process process = pb.start();
        try (ExecutorService io = NamedThreads.virtualExecutor("tool-" + command)) {
            process.getOutputStream().close();
            Future<String> out = io.submit(() -> drain(process.getInputStream()));
            Future<String> err = io.submit(() -> drain(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException(command + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out.get(), err.get());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(command + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            kill(process);
        }
    }

    /** Kills the tool and anything it started, so its pipes close and the readers finish. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String drain(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[16384];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (buf.size() + n > MAX_OUTPUT) {
                    throw new IOException("output larger than " + MAX_OUTPUT + " bytes");
                }
                buf.write(chunk, 0, n);
            }
            return buf.toString(StandardCharsets.UTF_8);
        }
    }
}
