package dev.bulwark.ui.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.testsupport.FxToolkitExtension;
import dev.bulwark.testsupport.RedisServerSupport;
import dev.bulwark.ui.FrameBatcher;
import dev.bulwark.ui.FxErrorReporter;
import dev.bulwark.ui.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The rate-limiter view driven through its real nodes, on the real simulator (memory and real Redis). */
@ExtendWith(FxToolkitExtension.class)
class RateLimiterViewFxTest extends FxRobot {
    @TempDir
    Path dir;

    private final AtomicReference<Path> nextFile = new AtomicReference<>();
    private Simulator simulator;
    private TaskRunner tasks;
    private RateLimiterViewModel vm;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        simulator = new Simulator(TimeSource.system());
        tasks = new TaskRunner(Platform::runLater, new FxErrorReporter());
        FilePicker picker = (owner, title, save, suggested, ext) -> Optional.ofNullable(nextFile.get());
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
            vm = new RateLimiterViewModel(simulator, tasks, FrameBatcher.factory(), TimeSource.system());
            RateLimiterView view = new RateLimiterView(vm, picker, new SimpleObjectProperty<>(Theme.DARK));
            stage = new Stage();
            stage.setScene(new Scene(view.root(), 1260, 780));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> {
            vm.close();
            stage.hide();
        });
        tasks.close();
        simulator.close();
        FxToolkit.cleanupStages();
    }

    private void type(String id, String text) {
        reveal(lookup("#" + id).query());
        clickOn("#" + id);
        push(KeyCode.CONTROL, KeyCode.A);
        write(text);
    }

    /** Scrolls the form so {@code n} is on screen (the form is taller than the window). */
    private void reveal(javafx.scene.Node n) {
        javafx.scene.control.ScrollPane sp = node("ratelimit-form", javafx.scene.control.ScrollPane.class);
        if (!javafx.scene.Parent.class.isInstance(sp.getContent()) || !isInside(n, sp.getContent())) {
            return;
        }
        interact(() -> {
            javafx.scene.Node content = sp.getContent();
            double h = content.getBoundsInLocal().getHeight();
            double v = sp.getViewportBounds().getHeight();
            double y = content.sceneToLocal(n.localToScene(n.getBoundsInLocal())).getMinY();
            sp.setVvalue(h <= v ? 0 : Math.max(0, Math.min(1, (y - v / 3) / (h - v))));
            sp.layout();
        });
    }

    private static boolean isInside(javafx.scene.Node n, javafx.scene.Node ancestor) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    private <T extends javafx.scene.Node> T node(String id, Class<T> type) {
        return lookup("#" + id).queryAs(type);
    }

    @SuppressWarnings("unchecked")
    private LineChart<Number, Number> chart(String id) {
        return lookup("#" + id).queryAs(LineChart.class);
    }

    @Test
    void fillsTheFormComparesTokenBucketAndFixedWindowAndExportsCsv() throws Exception {
        type("ratelimit-name", "boundary-lab");
        type("ratelimit-duration", "20s");
        type("ratelimit-seed", "7");
        type("ratelimit-client-count-0", "1");
        type("ratelimit-client-traffic-0", "onoff rate=100 on=1s off=1.5s");
        clickOn("#ratelimit-client-remove-1");
        type("ratelimit-limiter-capacity-0", "10");
        assertThat(vm.form().limiters()).hasSize(2);
        assertThat(node("ratelimit-limiter-strategy-1", ComboBox.class).getValue())
                .isEqualTo(dev.bulwark.ratelimit.Algorithm.FIXED_WINDOW);

        clickOn("#ratelimit-run");
        TableView<?> table = node("ratelimit-comparison", TableView.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> table.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();

        List<String> cells = lookup("#ratelimit-comparison .table-cell").queryAllAs(TableCell.class).stream()
                .map(c -> c.getText() == null ? "" : c.getText()).toList();
        assertThat(cells).contains("tb", "token-bucket", "fixed", "fixed-window");
        assertThat(node("ratelimit-notes", Label.class).getText()).contains("fixed-window boundary burst")
                .contains("up to 2x is possible");
        assertThat(node("ratelimit-notes", Label.class).isVisible()).isTrue();
        assertThat(node("ratelimit-status", Label.class).getText()).startsWith("Done: 20 s of 'boundary-lab'");
        assertThat(chart("ratelimit-chart-allowed").getData()).extracting(s -> s.getName())
                .containsExactly("tb", "fixed");
        assertThat(chart("ratelimit-chart-allowed").getData().getFirst().getData()).hasSize(20);

        clickOn("Per client");
        TableView<?> clients = node("ratelimit-clients", TableView.class);
        assertThat(clients.getItems()).isEqualTo(vm.comparison().getFirst().clients());
        javafx.scene.chart.StackedBarChart<?, ?> perClient = node("ratelimit-client-chart",
                javafx.scene.chart.StackedBarChart.class);
        assertThat(perClient.getData()).hasSize(2);
        assertThat(perClient.getData().getFirst().getData()).hasSize(1);

        clickOn("Clients per second");
        LineChart<Number, Number> clientAllowed = chart("ratelimit-client-chart-allowed");
        LineChart<Number, Number> clientRejected = chart("ratelimit-client-chart-rejected");
        String client = vm.comparison().getFirst().clients().getFirst().client();
        assertThat(clientAllowed.getData()).extracting(XYChart.Series::getName).containsExactly(client);
        assertThat(clientAllowed.getData().getFirst().getData()).hasSize(20);
        assertThat(clientAllowed.getTitle()).isEqualTo("Allowed per second, busiest clients of tb");
        // one client: its seconds are the limiter's seconds
        assertThat(clientRejected.getData().getFirst().getData().stream().mapToDouble(d -> d.getYValue().doubleValue())
                .sum()).isEqualTo(vm.comparison().getFirst().rejected());
        assertThat(node("ratelimit-client-series-empty", Label.class).isVisible()).isFalse();

        Path csv = dir.resolve("lab.csv");
        nextFile.set(csv);
        clickOn("#ratelimit-export-csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("lab-series.csv")));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).startsWith("strategy,limiter,offered,allowed,rejected,max_in_window");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("fixed-window,fixed,").contains("boundary burst");
    }

    @Test
    void anInvalidFieldIsMarkedNextToIt() {
        type("ratelimit-limiter-period-1", "soon");
        clickOn("#ratelimit-run");
        Label err = node("ratelimit-limiter-error-1", Label.class);
        assertThat(err.isVisible()).isTrue();
        assertThat(err.getText()).contains("window").contains("soon");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void realTimeAgainstRealRedisDrawsLivePointsAndStopsCleanly() {
        String uri = RedisServerSupport.uri();
        type("ratelimit-duration", "60s");
        ComboBox<SimulationMode> mode = lookup("#ratelimit-mode").query();
        ComboBox<String> store = lookup("#ratelimit-store").query();
        interact(() -> {
            mode.getSelectionModel().select(SimulationMode.REAL_TIME);
            store.getSelectionModel().select("Redis");
        });
        type("ratelimit-redis-uri", uri);
        clickOn("#ratelimit-run");
        assertThat(vm.runningProperty().get()).as("started: %s", vm.problems()).isTrue();

        LineChart<Number, Number> allowed = chart("ratelimit-chart-allowed");
        await().atMost(Duration.ofSeconds(15)).until(() -> !allowed.getData().isEmpty()
                && allowed.getData().getFirst().getData().size() >= 3);
        assertThat(node("ratelimit-status", Label.class).getText()).startsWith("Running in real time: second ");
        assertThat(vm.progressProperty().get()).isBetween(0.0, 0.5);
        assertThat(vm.decisionsPerSecondProperty().get()).isPositive();

        clickOn("Clients per second");
        LineChart<Number, Number> clientAllowed = chart("ratelimit-client-chart-allowed");
        await().atMost(Duration.ofSeconds(15)).until(() -> !clientAllowed.getData().isEmpty()
                && clientAllowed.getData().getFirst().getData().size() >= 2);
        assertThat(vm.runningProperty().get()).as("drawn live, before the run ends").isTrue();

        clickOn("#ratelimit-stop");
        await().atMost(Duration.ofSeconds(10)).until(() -> !vm.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(node("ratelimit-status", Label.class).getText()).startsWith("Stopped after ")
                .contains("the totals below cover");
        TableView<?> comparison = node("ratelimit-comparison", TableView.class);
        assertThat(comparison.getItems()).as("a stopped run shows the totals it reached").hasSize(2);
        assertThat(vm.comparison().getFirst().offered()).isPositive();
        assertThat(vm.storeProblemProperty().get()).as("no Redis errors against a live server").isEmpty();
        int points = allowed.getData().getFirst().getData().size();
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("bulwark-task-ratelimit-simulation")));
        WaitForAsyncUtils.sleep(1200, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(allowed.getData().getFirst().getData()).as("no points after Stop").hasSize(points);
    }
}
