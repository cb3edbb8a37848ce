package dev.bulwark.app;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.backend.OsvApiBackend;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.osv.OsvDumpDownloader;
import dev.bulwark.scan.policy.IgnoreFile;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.settings.VexSettings;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.scan.DatabaseViewModel;
import dev.bulwark.ui.scan.DesktopLinkOpener;
import dev.bulwark.ui.scan.ScanPickers;
import dev.bulwark.ui.scan.ScanServices;
import dev.bulwark.ui.scan.VulnerabilitiesView;
import dev.bulwark.ui.scan.VexViewModel;
import dev.bulwark.ui.scan.VulnerabilitiesViewModel;
import dev.bulwark.ui.shell.MainViewModel;
import dev.bulwark.util.AppPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Wires the Vulnerabilities view: the advisory database (same folder as the CLI: {@code BULWARK_DB}, else
 * {@code <data>/osv-db}), the scan history under {@code <data>/scan-history}, the {@code PATH} searched for external
 * scanners (from {@code env}: the view-models never read the environment), the per-user image ignore file
 * {@code <config>/image-ignore.yaml}, and the status bar's advisory text.
 */
final class VulnerabilitiesModule {
    private final VulnerabilitiesViewModel viewModel;
    private final ScanServices services;
    private final ScanPickers pickers;

    VulnerabilitiesModule(AppPaths paths, Map<String, String> env, Clock clock, Executor fx, TaskRunner tasks,
                          SettingsService settings, MainViewModel main, ScanPickers pickers) {
        services = new ScanServices(AdvisoryDatabase.resolveDir(null, env, paths), paths.cache(),
                OsvDumpDownloader.DEFAULT_BASE, OsvApiBackend.DEFAULT_BASE, clock,
                () -> settings.get().advisoryStaleDays(), ScanHistory.of(paths),
                tasks, fx, new DesktopLinkOpener(), env.getOrDefault("PATH", ""), IgnoreFile.forImages(paths));
        DatabaseViewModel database = new DatabaseViewModel(services, main.advisoryStatusProperty()::set);
        VexSettings saved = settings.get().vex();
        VexViewModel vex = new VexViewModel(saved.files().stream().map(Path::of).toList(), saved.author(),
                (files, author) -> settings.update(s -> s.withVex(new VexSettings(
                        files.stream().map(Path::toString).toList(), author))));
        this.viewModel = new VulnerabilitiesViewModel(services, database, main::notice, vex);
        this.pickers = pickers;
        main.advisoryStatusProperty().set("Advisories: reading the database…");
        database.refresh();
        viewModel.loadHistory(); // the Overview shows the latest scan before this view is ever opened
        // The stale threshold is edited in Settings: re-read the state whenever the user changes view.
        main.selectedProperty().addListener((o, a, b) -> database.refresh());
    }

    FeatureView view() {
        return new VulnerabilitiesView(viewModel, pickers);
    }

    /** What the view-models use: the advisory database, history, tasks (the Containers view's image scans too). */
    ScanServices services() {
        return services;
    }

    VulnerabilitiesViewModel viewModel() {
        return viewModel;
    }
}
