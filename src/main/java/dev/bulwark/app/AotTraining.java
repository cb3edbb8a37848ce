package dev.bulwark.app;

import dev.bulwark.util.AppPaths;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run behind the launcher's AOT cache (JEP 483/514/515), run at build time by
 * {@code ./mvnw -Pinstaller package} with the app-image's own runtime and class path and
 * {@code -XX:AOTCacheOutput}: it runs, in one JVM, what users start most (version and help, {@code db import} and
 * {@code db status}, a scan of every manifest under {@code shared/manifests} in the table and JSON formats,
 * {@code containers --json}, and the GUI up to its first frame when a display is available), so the classes they
 * load and link, and the profiles of their hot methods, are in the cache. The cache only changes how fast a
 * command starts, never what it does; commands that fail here (no engine reachable) still train their code paths.
 *
 * <p>Usage: {@code AotTraining SHARED_DIR [--gui]}, with {@code -Dbulwark.home} pointing at a scratch folder (the
 * run imports an advisory database there). Standard output of the commands is discarded; errors go to stderr.
 */
public final class AotTraining {
    private static final String TRAINED_MANIFESTS = ".*(requirements\\.txt|package-lock\\.json|go\\.mod)";

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AotTraining SHARED_DIR [--gui]");
            System.exit(2);
        }
        Path shared = Path.of(args[0]);
        boolean gui = List.of(args).contains("--gui");
        boolean prepare = List.of(args).contains("--prepare");
        AppPaths paths = Main.prepare(false);
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true));
        for (List<String> command : prepare ? importDumps(shared) : commands(shared)) {
            int rc = Main.runCli(command.toArray(String[]::new));
            stdout.println("aot-training: exit " + rc + ": bulwark " + String.join(" ", command));
        }
        System.setOut(stdout);
        if (gui && !prepare) {
            trainGui(paths);
        }
        System.exit(0);
    }

    private static List<List<String>> importDumps(Path shared) throws IOException {
        Path osv = shared.resolve("osv-db");
        if (!Files.isDirectory(osv)) {
            System.err.println("aot-training: no " + osv + ": the cache is trained on scans of an empty database");
            return List.of();
        }
        List<String> importAll = new ArrayList<>(List.of("db", "import"));
        try (Stream<Path> dumps = Files.list(osv)) {
            dumps.map(d -> d.resolve("all.zip")).filter(Files::isRegularFile).sorted()
                    .forEach(z -> importAll.add(z.toString()));
        }
        return List.of(importAll);
    }

    private static List<List<String>> commands(Path shared) throws IOException {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("--version"));
        commands.add(List.of("--help"));
        commands.add(List.of("scan", "--help"));
        commands.add(List.of("db", "status"));
        // Scans of the manifest kinds CI jobs feed most (requirements, package-lock, go.mod). A scan of every
        // kind would also load the SBOM and XML readers: 10 MB more cache than the app-image's 150 MB allows.
        Path manifests = shared.resolve("manifests");
        if (Files.isDirectory(manifests)) {
            try (Stream<Path> files = Files.list(manifests)) {
                files.filter(f -> f.getFileName().toString().matches(TRAINED_MANIFESTS)).sorted()
                        .forEach(f -> commands.add(List.of("scan", f.toString(), "--fail-on", "none")));
            }
            try (Stream<Path> files = Files.list(manifests)) {
                files.filter(f -> f.getFileName().toString().endsWith("requirements.txt")).sorted().findFirst()
                        .ifPresent(f -> commands.add(
                                List.of("scan", f.toString(), "--format", "json", "--fail-on", "none")));
            }
        }
        commands.add(List.of("containers", "--json"));
        commands.add(List.of("containers"));
        return commands;
    }

    private static void trainGui(AppPaths paths) throws InterruptedException {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            System.err.println("aot-training: no DISPLAY: the cache is trained without the GUI");
            return;
        }
        CountDownLatch drawn = new CountDownLatch(1);
        GuiLauncher.launch(paths, ManagementFactory.getRuntimeMXBean().getStartTime(), drawn::countDown);
        if (!drawn.await(120, TimeUnit.SECONDS)) {
            System.err.println("aot-training: the window was not drawn within 120 s");
            return;
        }
        // Exit right after the first frame: the cache is written at JVM exit, and all a user's start loads is loaded.
        System.out.println("aot-training: GUI drawn");
    }
}
