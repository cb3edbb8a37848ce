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
import dev.bulwark.testsupport.FxToolkitExtension;
import dev.bulwark.ui.TaskRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue #12: the Containers table must not keep the rows and cells of earlier updates alive. A 20-row table
 * gets many per-second updates whose order changes (a live-figure sort), and the row and cell objects it
 * showed at the start must become garbage (ControlsFX's TableRow2 never unregisters its listeners on the
 * skin, so rows thrown away by a refresh stay reachable), and the stale mark must follow the moving rows.
 */
@ExtendWith(FxToolkitExtension.class)
class ContainerTableRowLeakFxTest {
    private static final int ROWS = 20;
    private static final int UPDATES = 60;
    private static final int COLUMNS = 15;
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private TaskRunner tasks;
    private ContainerMonitor monitor;
    private ContainersViewModel vm;
    private TableView<ContainerRow> table;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        tasks = new TaskRunner(Platform::runLater, (c, e) -> e.printStackTrace());
        monitor = new ContainerMonitor(List.of(), EngineFactory.dockerJava(), MonitorConfig.defaults(), Clock.systemUTC());
        vm = new ContainersViewModel(monitor, tasks, Clock.systemUTC());
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            table = ContainerTable.build(vm, ImageScanViewModelTest.unscanned(monitor, tasks, vm));
            stage.setScene(new Scene(table, 1280, 800));
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> stage.hide());
        FxToolkit.cleanupStages();
        monitor.close();
        tasks.close();
    }

    @Test
    void rowsAndCellsOfEarlierUpdatesBecomeGarbage() throws Exception {
        // Every cell the table ever showed, held weakly: after the updates and a GC only those still in use
        // may be alive.
        Map<Node, Boolean> seen = new WeakHashMap<>();
        for (int u = 0; u <= UPDATES; u++) {
            tick(u);
            WaitForAsyncUtils.asyncFx(() -> table.lookupAll(".table-cell").forEach(n -> seen.put(n, true)))
                    .get(5, TimeUnit.SECONDS);
        }
        int shown = WaitForAsyncUtils.asyncFx(() -> table.lookupAll(".table-cell").size()).get(5, TimeUnit.SECONDS);
        assertThat(shown).as("cells in the scene graph").isBetween(ROWS * COLUMNS, 2 * ROWS * COLUMNS);
        assertMarksFollowTheRows();
        int alive = Integer.MAX_VALUE;
        for (int i = 0; i < 20 && alive > shown; i++) {
            System.gc();
            Thread.sleep(50);
            alive = seen.size();
        }
        assertThat(alive).as("cells shown during %d re-ordering updates still reachable (%d in the table)",
                UPDATES, shown).isLessThanOrEqualTo(shown);
    }

    /** The one stale container moves every second: only the cells of the row now showing it are marked. */
    private void assertMarksFollowTheRows() throws Exception {
        List<String> wrong = WaitForAsyncUtils.asyncFx(() -> table.lookupAll(".table-cell").stream()
                .map(n -> (TableCell<?, ?>) n)
                .filter(c -> !c.isEmpty() && c.getTableRow() != null && c.getTableRow().getItem() != null)
                .filter(c -> c.getPseudoClassStates().contains(STALE)
                        != ((ContainerRow) c.getTableRow().getItem()).view().stale())
                .map(c -> c.getTableRow().getItem() + "/" + c.getTableColumn().getId())
                .toList()).get(5, TimeUnit.SECONDS);
        assertThat(wrong).as("cells whose stale mark is not their row's").isEmpty();
    }

    /** One per-second update: every container's CPU changes, and the table is sorted by CPU. */
    private void tick(int u) throws Exception {
        List<ContainerView> views = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            views.add(ContainersViewModelTest.view("alpha", String.format("svc-%02d", i), ContainerState.RUNNING,
                    Health.NONE, null, (i * 7 + u * 13) % 100, 1_000_000 + u, i == 0));
        }
        List<EngineStatus> engines = List.of(ContainersViewModelTest.connected("alpha"));
        MonitorUpdate update = ContainersViewModelTest.update(engines, views);
        WaitForAsyncUtils.asyncFx(() -> {
            if (vm.orderProperty().get() == null) {
                vm.orderProperty().set(Comparator.comparingDouble((ContainerRow r) -> r.view().stats().cpuPercent()));
            }
            vm.apply(List.of(update));
            table.applyCss();
            table.layout();
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
