package dev.bulwark.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recursive discovery: skipped folders, symbolic links, order, overlapping roots, progress callback. */
class DiscoveryTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;

    @BeforeEach
    void tree() throws IOException {
        root = tmp.resolve("project");
        outside = tmp.resolve("outside");
        write(root.resolve("web/package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {}}");
        write(root.resolve("api/requirements.txt"), "flask==2.0.1\n");
        write(root.resolve("api/requirements-dev.txt"), "pytest==7.0.0\n");
        write(root.resolve("api/notes.txt"), "not a manifest\n");
        write(root.resolve("Cargo.lock"), "version = 3\n");
        write(root.resolve("go.mod"), "module example.com/x\n\ngo 1.22\n");
        for (String skipped : List.of(".git", "node_modules/dep", "target", "venv", ".venv", "vendor/lib")) {
            write(root.resolve(skipped).resolve("requirements.txt"), "django==1.0\n");
        }
        write(outside.resolve("go.mod"), "module example.com/secret\n");
        write(outside.resolve("nested/requirements.txt"), "secret==1.0\n");
        Files.createSymbolicLink(root.resolve("escape-dir"), outside);
        Files.createSymbolicLink(root.resolve("api/escape-file-requirements.txt"), outside.resolve("nested/requirements.txt"));
        Files.createSymbolicLink(root.resolve("web-again"), root.resolve("web"));
        Files.createSymbolicLink(root.resolve("api/loop"), root);
    }

    private static void write(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    private List<String> relative(List<ManifestResult> results) {
        return results.stream().map(r -> root.toAbsolutePath().relativize(r.file()).toString()).toList();
    }

    @Test
    void findsManifestsInSortedOrderSkippingDependencyFoldersAndEscapingLinks() {
        List<Path> seen = new ArrayList<>();
        List<ManifestResult> results = new ManifestScanner().scan(List.of(root), seen::add);
        assertThat(relative(results)).containsExactly(
                "Cargo.lock", "api/requirements-dev.txt", "api/requirements.txt", "go.mod", "web/package-lock.json");
        assertThat(seen).containsExactlyElementsOf(results.stream().map(ManifestResult::file).toList());
        assertThat(results).flatMap(ManifestResult::packages).noneMatch(p -> p.name().equals("secret") || p.name().equals("django"));
    }

    @Test
    void overlappingRootsYieldEachFileOnce() {
        List<ManifestResult> results = new ManifestScanner().scan(
                List.of(root.resolve("api/requirements.txt"), root, root.resolve("api")), p -> { });
        assertThat(relative(results)).containsExactly("api/requirements.txt",
                "Cargo.lock", "api/requirements-dev.txt", "go.mod", "web/package-lock.json");
    }

    @Test
    void anExplicitFileIsScannedEvenInsideASkippedFolder() {
        Path f = root.resolve("node_modules/dep/requirements.txt");
        List<ManifestResult> results = new ManifestScanner().scan(List.of(f), p -> { });
        assertThat(results).singleElement().satisfies(r -> assertThat(r.packages()).hasSize(1));
    }

    /** Issue 11, hole 10: a loop is reported as a loop, once, and not also as leading outside the root. */
    @Test
    void aLinkThatLoopsIsReportedAsALoopOnly() throws IOException {
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
        Files.createSymbolicLink(root.resolve("ping"), Path.of("pong"));
        Files.createSymbolicLink(root.resolve("pong"), Path.of("ping"));
        Files.createSymbolicLink(root.resolve("gone"), Path.of("no-such-target"));
        List<String> warnings = warnings(() -> new ManifestScanner().scan(List.of(root), p -> { }));
        Path real = root.toAbsolutePath();
        for (String loop : List.of("self", "ping", "pong")) {
            assertThat(warnings).filteredOn(w -> w.contains(real.resolve(loop) + ":")).containsExactly(
                    "not following symbolic link " + real.resolve(loop) + ": it loops (following it leads back to itself)");
        }
        assertThat(warnings).filteredOn(w -> w.contains(real.resolve("gone") + ":"))
                .containsExactly("skipping dangling symbolic link " + real.resolve("gone") + ": its target does not exist");
        assertThat(warnings).filteredOn(w -> w.contains("leads outside the scan root"))
                .hasSize(2).allMatch(w -> w.contains("/escape-"));
    }

    /** The discovery's log warnings while {@code r} runs. */
    private static List<String> warnings(Runnable r) {
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ManifestDiscovery.class);
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        try {
            r.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void supportedFormatsAreListed() {
        assertThat(new ManifestScanner().supportedFormats()).containsExactlyInAnyOrder(
                "requirements.txt", "Pipfile.lock", "poetry.lock", "uv.lock", "package-lock.json", "yarn.lock",
                "pnpm-lock.yaml", "go.mod", "Cargo.lock", "pom.xml", "Gemfile.lock", "composer.lock", "CycloneDX JSON");
        assertThat(ManifestScanner.skippedDirectories()).contains(".git", "node_modules", "target", "venv", ".venv", "vendor");
    }
}
