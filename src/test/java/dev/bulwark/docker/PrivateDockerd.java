package dev.bulwark.docker;

import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.testsupport.TestContainers;
import dev.bulwark.testsupport.TestServices;
import dev.bulwark.testsupport.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private dockerd for tests that kill and restart the daemon (never the shared engines): temp data and
 * exec roots, its own socket, no bridge or iptables. Started as our child and stopped by its PID.
 */
final class PrivateDockerd implements AutoCloseable {
    final Path dir;
    final Path socket;
    private Process process;

    PrivateDockerd() throws IOException {
        if (!isExecutable("dockerd")) {
            Requirements.missing("dockerd is not on PATH");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            Requirements.missing("a private dockerd needs root");
        }
        // Short path: unix socket paths are limited to 108 bytes.
        dir = Files.createTempDirectory(Path.of("/tmp"), "bwd-");
        socket = dir.resolve("d.sock");
    }

    String host() {
        return "unix://" + socket;
    }

    long pid() {
        return process.pid();
    }

    /** Starts (or restarts) the daemon and waits until it answers {@code /_ping}. */
    void start() throws IOException, InterruptedException {
        start(List.of());
    }

    /** Starts with extra dockerd arguments (e.g. a TLS tcp listener). */
    void start(List<String> extraArgs) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("dockerd", "--host", host(),
                "--data-root", dir.resolve("root").toString(), "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("d.pid").toString(), "--bridge=none", "--iptables=false",
                "--ip-masq=false", "--ip6tables=false"));
        args.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("private dockerd exited: " + tail());
            }
            if (ping()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("private dockerd did not answer within 60 s: " + tail());
    }

    /** Imports the busybox rootfs that test-services.sh built, as the shared test image tag. */
    void importImage(String image) {
        Path tar = TestServices.busyboxTar();
        if (!Files.exists(tar)) {
            Requirements.missing(tar + " is missing (run scripts/test-services.sh with the same BULWARK_SERVICES_DIR)");
        }
        TestContainers.DockerCli.run(host(), "import", "--change", "ENV PATH=/bin", "--change", "CMD [\"/bin/sh\"]",
                tar.toString(), image);
    }

    /** Stops the daemon with SIGTERM (by PID) and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    boolean ping() {
        return Files.exists(socket) && DockerEngineSupport.ping(socket);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("dockerd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean isExecutable(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", name));
    }

    @Override
    public void close() {
        try {
            shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the private dockerd", e);
        }
    }

    private void shutdown() throws InterruptedException {
        if (process != null && process.isAlive() && ping()) {
            String ids = TestContainers.DockerCli.run(host(), "ps", "-aq").strip();
            if (!ids.isEmpty()) {
                List<String> args = new java.util.ArrayList<>(List.of("rm", "-f"));
                args.addAll(List.of(ids.split("\\s+")));
                TestContainers.DockerCli.run(host(), args.toArray(String[]::new));
            }
        }
        stop();
        // Data root holds root-owned overlay dirs; leave cleanup of /tmp to the OS when deletion fails.
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // still mounted or busy: reported once below
                }
            });
        } catch (IOException e) {
            System.err.println("[docker-tests] could not clean " + dir + ": " + e.getMessage());
        }
    }
}
