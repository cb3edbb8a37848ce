package dev.bulwark.ui.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.model.ContainerState;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.docker.monitor.MonitorConfig;
import dev.bulwark.docker.monitor.MonitorUpdate;
import dev.bulwark.ui.FrameBatcher;
import dev.bulwark.ui.TaskRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * FX-thread cost of one per-second update of a 500-row table: the view-model merge plus the CSS and layout
 * pass it causes, measured on the FX thread in the real view (headless). Prints figures; run with
 * {@code ./mvnw -Pbench verify -Dtest=ContainersFrameBenchmark}.
 */
@Tag("bench")
class ContainersFrameBenchmark {
    private static final int ROWS = 500;
    private static final int UPDATES = 90;

    @Test
    void tableOnly() throws Exception {
        run("table only", ContainerTable::build, false);
    }

    @Test
    void wholeView() throws Exception {
        run("whole view", null, false);
    }

    /** Sorted by a live figure, the order changes every second, so the rows are re-laid out too. */
    @Test
    void wholeViewSortedByCpu() throws Exception {
        run("whole view sorted by CPU", null, true);
    }

    void run(String label, java.util.function.BiFunction<ContainersViewModel, ImageScanViewModel, Parent> build,
             boolean sortByCpu)
            throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        Clock clock = Clock.systemUTC();
        try (TaskRunner tasks = new TaskRunner(Platform::runLater, (c, e) -> e.printStackTrace());
             ContainerMonitor monitor = new ContainerMonitor(List.of(), EngineFactory.dockerJava(), MonitorConfig.defaults(), clock);
             LogsViewModel logs = new LogsViewModel(monitor, tasks, Platform::runLater, FrameBatcher.factory())) {
            ContainersViewModel vm = new ContainersViewModel(monitor, tasks, clock);
            if (sortByCpu) {
                vm.orderProperty().set(java.util.Comparator.comparingDouble(
                        (ContainerRow r) -> r.view().stats().cpuPercent()).reversed());
            }
            Parent[] root = new Parent[1];
            FxToolkit.setupFixture(() -> {
                Stage stage = new Stage();
                ImageScanViewModel images = ImageScanViewModelTest.unscanned(monitor, tasks, vm);
                root[0] = build == null ? new ContainersView(vm, logs, images).root() : build.apply(vm, images);
                stage.setScene(new Scene(root[0], 1280, 800));
                stage.show();
            });
            Random random = new Random(42);
            long[] nanos = new long[UPDATES];
            long[] applyNanos = new long[UPDATES];
            long[] cpuNanos = new long[UPDATES];
            for (int u = 0; u < UPDATES; u++) {
                MonitorUpdate update = update(random);
                int i = u;
                WaitForAsyncUtils.asyncFx(() -> {
                    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    vm.apply(List.of(update));
                    long c1 = mx.getCurrentThreadCpuTime();
                    root[0].applyCss();
                    root[0].layout();
                    nanos[i] = System.nanoTime() - t0;
                    cpuNanos[i] = mx.getCurrentThreadCpuTime() - c0;
                    applyNanos[i] = c1 - c0;
                }).get(10, TimeUnit.SECONDS);
                WaitForAsyncUtils.waitForFxEvents();
            }
            assertThat(vm.allContainers()).hasSize(ROWS);
            long[] warm = Arrays.copyOfRange(nanos, 10, UPDATES);
            Arrays.sort(warm);
            double median = warm[warm.length / 2] / 1e6;
            double p95 = warm[(int) (warm.length * 0.95)] / 1e6;
            double max = warm[warm.length - 1] / 1e6;
            long[] applyWarm = Arrays.copyOfRange(applyNanos, 10, UPDATES);
            Arrays.sort(applyWarm);
            long[] cpuWarm = Arrays.copyOfRange(cpuNanos, 10, UPDATES);
            Arrays.sort(cpuWarm);
            System.out.printf("[bench] %s: FX-thread CPU time per update median %.2f ms, p95 %.2f ms; of which view-model"
                    + " merge %.2f ms (system load average %.1f on %d cores inflates wall times below)%n", label,
                    cpuWarm[cpuWarm.length / 2] / 1e6, cpuWarm[(int) (cpuWarm.length * 0.95)] / 1e6,
                    applyWarm[applyWarm.length / 2] / 1e6,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("[bench] " + label + ", %d rows all changed per update: FX work per update median %.2f ms,"
                    + " p95 %.2f ms, max %.2f ms (frame budget 16.7 ms: median uses %.0f %%)%n",
                    ROWS, median, p95, max, median / 16.7 * 100);
            FxToolkit.cleanupStages();
        }
    }

    private static MonitorUpdate update(Random random) {
        List<ContainerView> views = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            views.add(ContainersViewModelTest.view(i % 2 == 0 ? "alpha" : "beta", String.format("svc-%03d", i),
                    ContainerState.RUNNING, i % 7 == 0 ? Health.HEALTHY : Health.NONE, "p" + (i % 5),
                    random.nextDouble() * 100, 1_000_000 + random.nextInt(100_000_000), false));
        }
        List<EngineStatus> engines = List.of(ContainersViewModelTest.connected("alpha"), ContainersViewModelTest.connected("beta"));
        return ContainersViewModelTest.update(engines, views);
    }
}
