package dev.bulwark.ui.containers;

import dev.bulwark.testsupport.DockerEngineSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Busybox containers on the real test engine via the docker CLI, each with {@code --network none} and a
 * unique name prefix; {@link #close()} removes them all.
 */
final class DockerFixture implements AutoCloseable {
    final String host;
    final String prefix = "bwui-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final List<String> names = new ArrayList<>();

    DockerFixture(String host) {
        this.host = host;
    }

    /** Runs {@code sh -c script} detached; returns the container id. */
    String sh(String name, List<String> options, String script) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--network", "none", "--name", prefix + name));
        args.addAll(options);
        args.addAll(List.of(DockerEngineSupport.image(), "sh", "-c", script));
        names.add(prefix + name);
        return docker(args.toArray(String[]::new)).strip();
    }

    String docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DOCKER_HOST", host);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("docker " + String.join(" ", args) + " failed: "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the docker CLI: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (!names.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(names);
            try {
                docker(args.toArray(String[]::new));
            } catch (IllegalStateException e) {
                System.err.println("[containers-ui-tests] cleanup: " + e.getMessage());
            }
        }
    }
}
