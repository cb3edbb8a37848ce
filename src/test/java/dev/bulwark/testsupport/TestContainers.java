package dev.bulwark.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Creates containers on a real engine through the {@code docker} CLI, each with {@code --network none} and
 * a per-instance unique name prefix, and removes them all on {@link #close()}.
 */
public final class TestContainers implements AutoCloseable {
    /** Uses two cores: two busy loops under one shell. */
    public static final String CPU_BURNER = "for i in 1 2; do (while :; do :; done) & done; wait";

    public final String host;
    public final String prefix;
    private final List<String> names = new ArrayList<>();

    public TestContainers(String host) {
        this(host, "bwdock");
    }

    /** @param tag short name of the test family, the first part of every container name */
    public TestContainers(String host, String tag) {
        this.host = host;
        this.prefix = tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    /** {@code docker run -d --network none --name prefix+name [options] image [command]}; returns the id. */
    public String run(String name, List<String> options, String... command) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--network", "none", "--name", prefix + name));
        args.addAll(options);
        args.add(DockerEngineSupport.image());
        args.addAll(List.of(command));
        names.add(prefix + name);
        return docker(args.toArray(String[]::new)).strip();
    }

    /** {@code sh -c script} detached; returns the id. */
    public String sh(String name, List<String> options, String script) {
        return run(name, options, "sh", "-c", script);
    }

    /** Runs the docker CLI against this engine; returns stdout. */
    public String docker(String... args) {
        return DockerCli.run(host, args);
    }

    @Override
    public void close() {
        if (!names.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(names);
            try {
                docker(args.toArray(String[]::new));
            } catch (IllegalStateException e) {
                System.err.println("[docker-tests] cleanup: " + e.getMessage());
            }
        }
    }

    /** Runs the docker CLI against one host. */
    public static final class DockerCli {
        private DockerCli() {
        }

        public static String run(String host, String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add("docker");
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("DOCKER_HOST", host);
            pb.redirectErrorStream(false);
            try {
                Process p = pb.start();
                byte[] out = p.getInputStream().readAllBytes();
                byte[] err = p.getErrorStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("docker " + String.join(" ", args) + " failed: "
                            + new String(err, StandardCharsets.UTF_8));
                }
                return new String(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot run docker CLI: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
