package dev.bulwark.app;

import dev.bulwark.docker.alert.AlertThresholds;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.docker.monitor.MonitorConfig;
import dev.bulwark.docker.monitor.MonitorUpdate;
import dev.bulwark.settings.DockerSettings;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.UpdateBatcher;
import dev.bulwark.ui.containers.ContainersView;
import dev.bulwark.ui.containers.ContainersViewModel;
import dev.bulwark.ui.containers.ImageScanViewModel;
import dev.bulwark.scan.image.ContainerImageFindings;
import dev.bulwark.scan.image.ImageExporter;
import dev.bulwark.scan.image.ImageInventory;
import dev.bulwark.scan.image.ImageScanCache;
import dev.bulwark.scan.report.ScanReport;
import java.util.function.Function;
import dev.bulwark.ui.containers.LogsViewModel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the container monitor to the Containers view and the status bar: the monitor's per-second updates
 * and the followed logs go through the application's {@link UpdateBatcher}s to the view-models on the FX
 * thread. Engines are the default one ({@code DOCKER_HOST} or the platform socket) plus those in Settings.
 * Owns and closes all of it.
 */
final class ContainersModule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContainersModule.class);

    private final ContainerMonitor monitor;
    private final ContainersViewModel viewModel;
    private final LogsViewModel logs;
    private final ImageScanViewModel images;
    private final UpdateBatcher<MonitorUpdate> batcher;
    private final Map<String, EngineSpec> configured = new java.util.LinkedHashMap<>();
    private final TaskRunner tasks;
    private volatile Flow.Subscription subscription;

    /** Builds and starts the monitor; FX thread. */
    ContainersModule(DockerSettings settings, Map<String, String> env, EngineFactory factory, Clock clock,
                     TaskRunner tasks, Executor fx, UpdateBatcher.Factory batchers, StringProperty statusBar,
                     ImageScanCache imageScans, ContainerImageFindings findings,
                     Function<ImageInventory, ScanReport> match) {
        List<EngineSpec> specs = new ArrayList<>();
        specs.add(EngineSpec.fromEnvironment(env, System.getProperty("os.name", "")));
        specs.addAll(specs(settings));
        specs(settings).forEach(s -> configured.put(s.name(), s));
        MonitorConfig defaults = MonitorConfig.defaults();
        monitor = new ContainerMonitor(specs, factory, new MonitorConfig(defaults.tick(), defaults.historyWindow(),
                defaults.backoff(), defaults.watchdog(), thresholds(settings), defaults.maxAlerts()), clock);
        this.tasks = tasks;
        viewModel = new ContainersViewModel(monitor, tasks, clock);
        logs = new LogsViewModel(monitor, tasks, fx, batchers);
        images = new ImageScanViewModel(imageScans, findings, exporter(), match, tasks, fx);
        images.follow(viewModel);
        statusBar.bind(viewModel.statusProperty());
        batcher = batchers.start(viewModel::apply);
        monitor.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(MonitorUpdate item) {
                batcher.offer(item);
            }

            @Override
            public void onError(Throwable t) {
                LOG.error("container monitor updates failed", t);
            }

            @Override
            public void onComplete() {
                LOG.debug("container monitor updates ended");
            }
        });
        monitor.start();
    }

    /** The monitor's engines as the image scanner's port (the Containers and Vulnerabilities views use it). */
    ImageExporter exporter() {
        return new ImageExporter() {
            @Override
            public List<String> engines() {
                return monitor.snapshot().engines().stream().map(e -> e.engine()).toList();
            }

            @Override
            public java.io.InputStream save(String engine, String reference) {
                return monitor.saveImage(engine, reference);
            }

            @Override
            public int layerCount(String engine, String reference) {
                return monitor.imageLayerCount(engine, reference);
            }
        };
    }

    /** The Containers view's state, fed by the monitor once per frame (the Overview reads it). */
    ContainersViewModel viewModel() {
        return viewModel;
    }

    ContainersView view() {
        return new ContainersView(viewModel, logs, images);
    }

    /**
     * Applies changed settings in the background (closing an engine's session joins its threads): thresholds
     * at once, engines added, removed, or replaced when their configuration changed.
     */
    void apply(DockerSettings settings) {
        tasks.run("apply container engine settings", () -> applyNow(settings));
    }

    private synchronized void applyNow(DockerSettings settings) {
        monitor.setAlertThresholds(thresholds(settings));
        Map<String, EngineSpec> wanted = new java.util.LinkedHashMap<>();
        specs(settings).forEach(s -> wanted.put(s.name(), s));
        for (EngineSpec old : List.copyOf(configured.values())) {
            if (!old.equals(wanted.get(old.name()))) {
                monitor.removeEngine(old.name());
                configured.remove(old.name());
            }
        }
        for (EngineSpec s : wanted.values()) {
            if (!configured.containsKey(s.name())) {
                try {
                    monitor.addEngine(s);
                    configured.put(s.name(), s);
                } catch (IllegalArgumentException e) {
                    LOG.warn("engine {} not added: {}", s.name(), e.getMessage());
                }
            }
        }
    }

    static List<EngineSpec> specs(DockerSettings settings) {
        List<EngineSpec> out = new ArrayList<>();
        for (DockerSettings.Engine e : settings.engines()) {
            out.add(new EngineSpec(e.name(), URI.create(e.uri()), e.tlsCertDir() == null ? null : Path.of(e.tlsCertDir()),
                    settings.allowNonLoopbackTcp()));
        }
        return out;
    }

    static AlertThresholds thresholds(DockerSettings s) {
        return new AlertThresholds(s.restartLoopCount(), Duration.ofMinutes(s.restartLoopWindowMinutes()),
                AlertThresholds.defaults().userStopGrace());
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        batcher.close();
        logs.close();
        images.close();
        monitor.close();
    }
}
