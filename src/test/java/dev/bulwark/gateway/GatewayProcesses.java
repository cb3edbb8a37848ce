package dev.bulwark.gateway;

import dev.bulwark.testsupport.Requirements;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real processes for the gateway tests: the independent Python implementation of the existing gateway and of a
 * legacy client (src/test/resources/gateway), and Bulwark's own {@code gateway serve} in a child JVM (so a test can
 * kill it with -9, TERM or SIGSTOP). Everything listens on 127.0.0.1 and is ended by PID.
 */
final class GatewayProcesses {
    /** Debian's interpreter, which has python3-websockets and python3-redis (a pyenv python on PATH may not). */
    static final String PYTHON = "/usr/bin/python3";

    private GatewayProcesses() {
    }

    /** A started process, its stdout lines as they come, and its port once it said so. */
    static final class Proc implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
        int port;

        Proc(Process process) {
            this.process = process;
            Thread.ofVirtual().name("proc-out-" + process.pid()).start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                        all.add(l);
                    }
                } catch (IOException e) {
                    lines.add("(stdout ended: " + e.getMessage() + ")");
                }
            });
        }

        long pid() {
            return process.pid();
        }

        /** The next stdout line, or fails after {@code timeout}. */
        String next(Duration timeout) throws InterruptedException {
            String l = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (l == null) {
                throw new AssertionError("no output from pid " + process.pid() + " within " + timeout
                        + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
            }
            return l;
        }

        void signal(String sig) throws IOException, InterruptedException {
            int rc = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IOException("kill -" + sig + " " + process.pid() + " failed");
            }
        }

        /** Waits for the process to end. */
        int await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("pid " + process.pid() + " still running after " + timeout);
            }
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** A script under src/test/resources/gateway. */
    static Path script(String name) {
        try {
            return Path.of(GatewayProcesses.class.getResource("/gateway/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Skips (locally) or fails (CI) unless Debian's python3 with websockets and redis is there. */
    static void requirePython() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            Requirements.missing(PYTHON + " is missing (apt-get install python3-websockets python3-redis)");
        }
        int rc = new ProcessBuilder(PYTHON, "-c", "import websockets, redis").start().waitFor();
        if (rc != 0) {
            Requirements.missing("python3-websockets or python3-redis is not installed (apt-get install python3-websockets python3-redis)");
        }
    }

    /** The Python "existing gateway" on a free port; {@code READY <port>} parsed. */
    static Proc legacyGateway(String... args) throws IOException, InterruptedException {
        requirePython();
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script("legacy_gateway.py").toString(), "--port", "0"));
        cmd.addAll(List.of(args));
        Proc p = new Proc(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        String ready = p.next(Duration.ofSeconds(20));
        if (!ready.startsWith("READY ")) {
            throw new AssertionError("legacy gateway said: " + ready);
        }
        p.port = Integer.parseInt(ready.substring(6).strip());
        return p;
    }

    /** The Python legacy client: prints every frame raw, one per line. */
    static Proc legacyClient(String url, String clientId, String... args) throws IOException, InterruptedException {
        requirePython();
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script("legacy_client.py").toString(), url, clientId));
        cmd.addAll(List.of(args));
        return new Proc(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Bulwark's {@code gateway serve} in a child JVM on {@code port} (0: any); waits until it listens. */
    static Proc bulwarkServer(int port, String... args) throws IOException, InterruptedException {
        Path javaExe = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(javaExe.toString(), "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.bulwark.app.Main", "gateway", "serve",
                "--port", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Proc p = new Proc(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        String line = p.next(Duration.ofSeconds(30));
        var m = java.util.regex.Pattern.compile("gateway listening on ws://[^:]+:(\\d+)").matcher(line);
        if (!m.find()) {
            p.close();
            throw new AssertionError("bulwark gateway said: " + line);
        }
        p.port = Integer.parseInt(m.group(1));
        return p;
    }
}
