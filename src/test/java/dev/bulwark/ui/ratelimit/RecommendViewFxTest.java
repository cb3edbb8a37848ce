package dev.bulwark.ui.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.recommend.ExportFormat;
import dev.bulwark.ratelimit.recommend.LimitRecommender;
import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.testsupport.FxToolkitExtension;
import dev.bulwark.ui.FrameBatcher;
import dev.bulwark.ui.FxErrorReporter;
import dev.bulwark.ui.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** "Recommend from log…" driven through its real nodes: the lab button opens it, a run fills it, Export writes. */
@ExtendWith(FxToolkitExtension.class)
class RecommendViewFxTest extends FxRobot {
    @TempDir
    Path dir;

    private final AtomicReference<Path> nextFile = new AtomicReference<>();
    private TaskRunner tasks;
    private RecommendViewModel vm;
    private RateLimiterViewModel lab;
    private dev.bulwark.ratelimit.sim.Simulator simulator;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        tasks = new TaskRunner(Platform::runLater, new FxErrorReporter());
        simulator = new dev.bulwark.ratelimit.sim.Simulator(TimeSource.system());
        FilePicker picker = (owner, title, save, suggested, ext) -> Optional.ofNullable(nextFile.get());
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            vm = new RecommendViewModel(new LimitRecommender(TimeSource.system()), tasks, FrameBatcher.factory());
            lab = new RateLimiterViewModel(simulator, tasks, FrameBatcher.factory(), TimeSource.system());
            stage = new Stage();
            stage.setScene(new Scene(new RateLimiterView(lab, picker, new SimpleObjectProperty<>(Theme.LIGHT), vm)
                    .root(), 1260, 780));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> {
            vm.close();
            lab.close();
            stage.hide();
        });
        tasks.close();
        simulator.close();
        FxToolkit.cleanupStages();
    }

    private Path log() throws Exception {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < 120; c++) {
            for (int i = 0; i <= c % 40; i++) {
                lines.add("10.2.0." + c + " - - [" + f.format(Instant.ofEpochSecond(1_767_225_600L + i / 3)) + "] \"GET /a"
                        + " HTTP/1.1\" 200 5 \"-\" \"ua\"");
            }
        }
        Path p = dir.resolve("access.log");
        Files.write(p, lines);
        return p;
    }

    @Test
    void theLabOpensTheFlowWhichRecommendsChartsAndExports() throws Exception {
        Path log = log();
        clickOn("#ratelimit-recommend");
        WaitForAsyncUtils.waitForFxEvents();
        Stage flow = (Stage) lookup("#recommend-run").query().getScene().getWindow();
        assertThat(flow.getTitle()).isEqualTo("Recommend limits from an access log");
        // a second click brings the same window to the front instead of opening another
        interact(() -> lookup("#ratelimit-recommend").queryAs(Button.class).fire());
        assertThat(lookup("#recommend-run").queryAll()).hasSize(1);

        interact(() -> vm.logFileProperty().set(log.toString()));
        clickOn("#recommend-run");
        TableView<?> table = lookup("#recommend-table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(2 * 3 + 2);
        assertThat(lookup("#recommend-status").queryLabeled().getText()).contains("120 keys").contains("tight");
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> dist = lookup("#recommend-distribution").queryAs(LineChart.class);
        assertThat(dist.getData().get(0).getData()).isNotEmpty();
        assertThat(dist.getData().get(1).getName()).isEqualTo("chosen limit " + vm.selectedProperty().get().limit());
        assertThat(lookup("#recommend-frontier").query().isVisible()).isFalse();
        // the busiest keys (c % 40 == 39 send 40, at most 3 a second) and the percentiles of the chosen window
        TableView<?> top = lookup("#recommend-top-keys").queryAs(TableView.class);
        assertThat(top.getItems()).hasSize(50);
        assertThat(top.getColumns()).extracting(c -> c.getText()).containsExactly("Key", "Requests", "Max in 1s",
                "Cap at " + vm.reportProperty().get().bucketRate().orElseThrow());
        assertThat(cell(top, 0, 0)).isEqualTo("10.2.0.119");
        assertThat(cell(top, 0, 1)).isEqualTo("40");
        assertThat(cell(top, 0, 2)).isEqualTo("3");
        assertThat(lookup("#recommend-percentiles").queryLabeled().getText())
                .isEqualTo("Max per key in 1s: p50 3 · p90 3 · p99 3 · p99.9 3 · max 3");
        int minute = vm.rows().indexOf(vm.rows().stream().filter(r -> !r.recommendation().bucket()
                && r.recommendation().windowSeconds() == 60).findFirst().orElseThrow());
        interact(() -> table.getSelectionModel().select(minute));
        assertThat(top.getColumns().get(2).getText()).isEqualTo("Max in 1m");
        assertThat(cell(top, 0, 2)).isEqualTo("40");
        assertThat(lookup("#recommend-percentiles").queryLabeled().getText()).endsWith("max 40");

        interact(() -> table.getSelectionModel().select(6));  // token bucket
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> frontier = lookup("#recommend-frontier").queryAs(LineChart.class);
        assertThat(frontier.isVisible()).isTrue();
        assertThat(frontier.getData().get(0).getData()).hasSize(vm.selectedProperty().get().frontier().size());
        assertThat(frontier.getData().get(1).getName()).startsWith("recommended: capacity ");
        assertThat(lookup("#recommend-throttled").queryAs(TableView.class).getItems())
                .hasSize((int) vm.selectedProperty().get().verification().keysThrottled());

        interact(() -> vm.exportFormatProperty().set(ExportFormat.BUCKET4J));
        assertThat(lookup("#recommend-export-preview").queryAs(TextArea.class).getText()).contains("Bandwidth.builder()");
        Path out = dir.resolve("limit.java");
        nextFile.set(out);
        clickOn("#recommend-export");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out));
        assertThat(Files.readString(out)).contains(".refillGreedy(");
    }

    /** The text a table cell shows. */
    private static String cell(TableView<?> t, int row, int column) {
        return String.valueOf(t.getColumns().get(column).getCellData(row));
    }
}
