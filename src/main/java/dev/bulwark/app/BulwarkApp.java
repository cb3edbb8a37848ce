package dev.bulwark.app;

import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.scan.ContainerFindingsSource;
import dev.bulwark.scan.image.ContainerImageFindings;
import dev.bulwark.scan.image.ImageScanCache;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.settings.SettingsStore;
import dev.bulwark.ui.DesktopFolderOpener;
import dev.bulwark.ui.ErrorReporter;
import dev.bulwark.ui.FolderOpener;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.FrameBatcher;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.ThemeManager;
import dev.bulwark.ui.UpdateBatcher;
import dev.bulwark.ui.ViewId;
import dev.bulwark.ui.scan.ScanPickers;
import dev.bulwark.ui.settings.DockerSettingsViewModel;
import dev.bulwark.ui.settings.SettingsView;
import dev.bulwark.ui.settings.SettingsViewModel;
import dev.bulwark.ui.shell.AboutModel;
import dev.bulwark.ui.shell.MainViewModel;
import dev.bulwark.ui.shell.MainWindow;
import dev.bulwark.util.AppPaths;
import dev.bulwark.util.Version;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the desktop application: builds every service and view with constructor
 * injection, and closes everything it built, in reverse order, on exit.
 */
public final class BulwarkApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BulwarkApp.class);

    private final AppPaths paths;
    private final Clock clock;
    private final Executor fxExecutor;
    private final ErrorReporter errors;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private MainViewModel mainViewModel;
    private MainWindow mainWindow;
    private VulnerabilitiesModule vulnerabilities;
    private ScanPickers scanPickers = ScanPickers.system();
    private FolderOpener folders = new DesktopFolderOpener();
    private Map<String, String> env = System.getenv();
    /** Replaces the image scans' findings in the Overview (tests); null: the Containers view's image scans. */
    private ContainerFindingsSource findings;
    private boolean closed;

    /**
     * @param paths      per-user directories
     * @param clock      time source for everything that computes ages
     * @param fxExecutor how background results reach the FX thread ({@code Platform::runLater})
     * @param errors     where unhandled failures go
     */
    public BulwarkApp(AppPaths paths, Clock clock, Executor fxExecutor, ErrorReporter errors) {
        this.paths = paths;
        this.clock = clock;
        this.fxExecutor = fxExecutor;
        this.errors = errors;
    }

    /** Builds the object graph and shows the main window in {@code stage}; FX thread. */
    public void start(Stage stage) {
        SettingsStore store = new SettingsStore(paths.config().resolve("settings.json"), clock);
        SettingsStore.Loaded loaded = store.load();
        SettingsService settings = own(new SettingsService(store, loaded.settings()));
        TaskRunner tasks = own(new TaskRunner(fxExecutor, errors));
        settings.onWriteFailure(e -> fxExecutor.execute(
                () -> mainViewModel.notice("Settings could not be saved: " + e.getMessage())));

        mainViewModel = new MainViewModel(settings, new ThemeManager());
        loaded.notice().ifPresent(mainViewModel::notice);

        // One way to the FX thread for every high-rate stream: a batch per rendered frame.
        UpdateBatcher.Factory batchers = FrameBatcher.factory();
        RateLimiterModule rateLimiter = own(new RateLimiterModule(tasks, batchers, mainViewModel.themeProperty()));

        Map<ViewId, Supplier<FeatureView>> views = new EnumMap<>(ViewId.class);
        vulnerabilities = new VulnerabilitiesModule(paths, env, clock, fxExecutor, tasks, settings,
                mainViewModel, scanPickers);
        // Image scan results by image id: the Containers view fills them, the Overview counts from them; each
        // new scan joins the Vulnerabilities view's history (the Overview's "last scan" reads it too).
        ImageScanCache imageScans = new ImageScanCache(clock, vulnerabilities.services().history());
        ContainerImageFindings containerFindings = own(new ContainerImageFindings(imageScans));
        ContainersModule containers = own(new ContainersModule(settings.get().docker(), env,
                EngineFactory.dockerJava(), clock, tasks, fxExecutor, batchers, mainViewModel.dockerStatusProperty(),
                imageScans, containerFindings, vulnerabilities.services()::matchImage));
        views.put(ViewId.CONTAINERS, containers::view);
        vulnerabilities.viewModel().useImageEngines(containers.exporter());
        // "Ignore" on an image report writes the per-user image ignore file; cached image results apply it at once.
        vulnerabilities.viewModel().onImageIgnored(rule -> tasks.run("apply image ignore " + rule.id(),
                () -> imageScans.applyIgnore(rule.id(), rule.reason())));
        views.put(ViewId.VULNERABILITIES, vulnerabilities::view);
        GatewayModule gateway = own(new GatewayModule(paths, settings, tasks, batchers, clock,
                mainViewModel.gatewayStatusProperty()));
        gateway.connect(containers.viewModel(), vulnerabilities.viewModel(), () -> stage);
        OverviewModule overview = own(new OverviewModule(containers.viewModel(), vulnerabilities.viewModel(),
                rateLimiter.viewModel(), gateway.viewModel(), mainViewModel, clock, batchers, findings != null ? findings : containerFindings, scanPickers, tasks));
        views.put(ViewId.OVERVIEW, overview::view);
        views.put(ViewId.RATE_LIMITER, rateLimiter::view);
        views.put(ViewId.GATEWAY, gateway::view);
        views.put(ViewId.SETTINGS, () -> new SettingsView(new SettingsViewModel(mainViewModel, settings, paths,
                LogFolder.of(paths).dir(), vulnerabilities.services().imageIgnoreFile(), folders, tasks),
                new DockerSettingsViewModel(settings, containers::apply)));
        LOG.debug("Task runner ready: {}", tasks);

        mainWindow = new MainWindow(mainViewModel, views, AboutModel.load(), Version.current());
        mainWindow.install(stage);
        stage.show();
        gateway.start();
    }

    /** The shell's view-model (tests drive the application through it and through the nodes). */
    public MainViewModel mainViewModel() {
        return mainViewModel;
    }

    /** Replaces the native file dialogs of the Vulnerabilities view (tests); call before {@link #start}. */
    public void useScanPickers(ScanPickers pickers) {
        this.scanPickers = pickers;
    }

    /** Sets where the Overview learns which running containers carry HIGH or CRITICAL findings; before {@link #start}. */
    public void useContainerFindings(ContainerFindingsSource source) {
        this.findings = source;
    }

    /** Replaces the process environment ({@code DOCKER_HOST}, {@code PATH}, ...) the modules read (tests); before {@link #start}. */
    public void useEnvironment(Map<String, String> environment) {
        this.env = Map.copyOf(environment);
    }

    /** Replaces the file manager that Settings' Open buttons use (tests); call before {@link #start}. */
    public void useFolderOpener(FolderOpener opener) {
        this.folders = opener;
    }

    public MainWindow mainWindow() {
        return mainWindow;
    }

    private <T extends AutoCloseable> T own(T resource) {
        closeables.push(resource);
        return resource;
    }

    /** Closes everything this root built, newest first; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.error("Failed to close {}", c, e);
            }
        }
        LOG.info("Bulwark closed");
    }
}
