package dev.bulwark.ui.scan;

import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.ui.TaskRunner;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real scanner parts for view-model tests: a database folder, a history folder, a task runner whose results are
 * delivered directly on the worker thread (no FX toolkit), and a project with a requirements.txt.
 */
final class ScanUiFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    final Path home;
    final Path project;
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<String> notices = new CopyOnWriteArrayList<>();
    final AtomicReference<String> statusBar = new AtomicReference<>();
    final AtomicInteger staleDays = new AtomicInteger(7);
    final List<URI> opened = new CopyOnWriteArrayList<>();
    final TaskRunner tasks;
    final ScanServices services;

    ScanUiFixture(Path home, Clock clock) throws IOException {
        this.home = home;
        this.project = Files.createDirectories(home.resolve("project"));
        Files.writeString(project.resolve("requirements.txt"), "requests==2.19.1\njinja2==2.10\npy==1.11.0\n");
        this.tasks = new TaskRunner(Runnable::run, (ctx, e) -> failures.add(ctx + ": " + e));
        this.services = new ScanServices(home.resolve("osv-db"), home.resolve("cache"),
                URI.create("http://127.0.0.1:9/"), URI.create("http://127.0.0.1:9/"), clock, staleDays::get,
                new ScanHistory(home.resolve("history")), tasks, Runnable::run, opened::add,
                System.getenv().getOrDefault("PATH", ""), home.resolve("config").resolve("image-ignore.yaml"));
    }

    /** The same fixture with other services (e.g. another dump server). */
    ScanUiFixture(ScanUiFixture other, ScanServices services) {
        this.home = other.home;
        this.project = other.project;
        this.tasks = other.tasks;
        this.services = services;
    }

    ScanUiFixture(Path home) throws IOException {
        this(home, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Imports the committed OSV subset (PyPI, Go, crates.io records). */
    void importSubset() throws IOException, InterruptedException {
        services.database().importDumps(List.of(OsvFixtures.recordsDir()));
    }

    DatabaseViewModel database() {
        return new DatabaseViewModel(services, statusBar::set);
    }

    VulnerabilitiesViewModel viewModel() {
        return new VulnerabilitiesViewModel(services, database(), notices::add);
    }

    @Override
    public void close() {
        tasks.close();
    }
}
