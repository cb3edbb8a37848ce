package dev.bulwark.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.policy.IgnoreFile;
import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.testsupport.FxToolkitExtension;
import dev.bulwark.testsupport.SharedData;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.ThemeManager;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Vulnerabilities view driven through its nodes (headless Monocle) against the real core: imports the shared
 * PyPI OSV dump, scans the real bluebutton requirements.txt, filters, opens a finding, ignores it, exports JSON and
 * SARIF, and re-opens the scan from the history of a freshly built view.
 */
@ExtendWith(FxToolkitExtension.class)
class VulnerabilitiesFxTest extends FxRobot {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);
    private static final Duration LONG = Duration.ofSeconds(120);

    @TempDir
    Path home;
    private Path project;
    private Path exports;
    private Path pypiDump;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> statusBar = new AtomicReference<>();
    private TaskRunner tasks;
    private VulnerabilitiesViewModel vm;
    private Stage stage;

    @BeforeEach
    void setUp() throws Exception {
        pypiDump = SharedData.osvDb().resolve("PyPI").resolve("all.zip");
        project = Files.createDirectories(home.resolve("bluebutton"));
        Files.copy(SharedData.manifests().resolve("CMSgov_bluebutton-web-server_af141c050475_requirements.txt"),
                project.resolve("requirements.txt"));
        exports = Files.createDirectories(home.resolve("exports"));
        tasks = new TaskRunner(Platform::runLater, (ctx, e) -> failures.add(ctx + ": " + e));
        showView();
    }

    private void showView() throws Exception {
        ScanServices services = new ScanServices(home.resolve("osv-db"), home.resolve("cache"),
                URI.create("http://127.0.0.1:9/"), URI.create("http://127.0.0.1:9/"), CLOCK, () -> 7,
                new ScanHistory(home.resolve("history")), tasks, Platform::runLater, uri -> { },
                System.getenv().getOrDefault("PATH", ""), home.resolve("config").resolve("image-ignore.yaml"));
        ScanPickers pickers = new ScanPickers() {
            @Override
            public Optional<Path> folder(Window owner, String title) {
                return Optional.of(title.startsWith("Export") ? exports : project);
            }

            @Override
            public Optional<Path> manifest(Window owner) {
                return Optional.of(project.resolve("requirements.txt"));
            }

            @Override
            public List<Path> dumps(Window owner) {
                return List.of(pypiDump);
            }
        };
        FxToolkit.setupFixture(() -> {
            if (stage != null) {
                stage.hide();
            }
            new ThemeManager().apply(Theme.DARK);
            vm = new VulnerabilitiesViewModel(services, new DatabaseViewModel(services, statusBar::set), n -> { });
            stage = new Stage();
            stage.setScene(new Scene(new VulnerabilitiesView(vm, pickers).root(), 1240, 780));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.setupFixture(() -> stage.hide());
        tasks.close();
        FxToolkit.cleanupStages();
        assertThat(failures).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private TreeTableView<ResultsTable.Row> table() {
        return lookup("#scan-results").queryAs(TreeTableView.class);
    }

    private List<Finding> rows() {
        return table().getRoot().getChildren().stream().map(TreeItem::getValue).map(ResultsTable.Row::finding).toList();
    }

    private String text(String id) {
        return lookup("#" + id).queryAs(Labeled.class).getText();
    }

    @Test
    void importScanFilterDetailIgnoreExportAndHistory() throws Exception {
        await().atMost(LONG).until(() -> "Advisories: no database — import one".equals(statusBar.get()));
        clickOn("#scan-db-import");
        await().atMost(LONG).until(() -> statusBar.get().matches("Advisories: [0-9,]+ records, 1 ecosystem, imported today"));
        assertThat(text("scan-db-summary")).contains("1 ecosystem");
        assertThat(lookup("#scan-db-ecosystems").queryAs(GridPane.class).getChildren()).extracting(n -> ((Labeled) n).getText())
                .contains("PyPI", "imported today");

        clickOn("#scan-choose-folder");
        assertThat(text("scan-target")).isEqualTo(project.toString());
        clickOn("#scan-run");
        await().atMost(LONG).until(() -> !vm.scanningProperty().get() && vm.reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        List<Finding> all = rows();
        assertThat(all).hasSize(vm.findings().size()).isNotEmpty();
        assertThat(text("scan-message")).contains("packages checked");
        assertThat(lookup(".severity-chip").queryAll()).isNotEmpty();
        assertThat(all).extracting(f -> f.severity().rating()).contains(Severity.HIGH);

        // Severity filter through the combo box.
        clickOn("#scan-filter-severity");
        clickOn("High and above");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rows()).isNotEmpty().hasSizeLessThan(all.size())
                .allSatisfy(f -> assertThat(f.severity().rating()).isGreaterThanOrEqualTo(Severity.HIGH));
        clickOn("#scan-filter-severity");
        clickOn("All severities");

        // Text filter: narrow to one finding with a CVSS vector and open it.
        Finding target = all.stream().filter(f -> f.severity().vector() != null
                && f.severity().vector().startsWith("CVSS:3")).findFirst().orElseThrow();
        clickOn("#scan-filter-text").write(target.id());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rows()).isNotEmpty().allSatisfy(f -> assertThat(f.allIds()).contains(target.id()));
        clickOn(lookup(".tree-table-row-cell").match((TreeTableRow<ResultsTable.Row> r) -> r.getItem() != null
                && r.getItem().finding() != null && r.getItem().finding().id().equals(target.id())).<TreeTableRow<?>>query());
        assertThat(text("scan-detail-id")).isEqualTo(target.id());
        assertThat(lookup("#scan-cvss").queryAs(GridPane.class).getChildren()).extracting(n -> ((Labeled) n).getText())
                .contains("Attack vector", "Network");
        assertThat(lookup("#scan-references").queryAs(javafx.scene.layout.VBox.class).getChildren()).hasSizeGreaterThan(1);

        // Ignore with a reason.
        clickOn("#scan-ignore-reason").write("not reachable from our code");
        clickOn("#scan-ignore");
        Path ignoreFile = project.resolve(IgnoreFile.DEFAULT_NAME);
        await().atMost(LONG).until(() -> lookup("#scan-detail-ignored").tryQuery().isPresent());
        assertThat(new IgnoreFile().load(ignoreFile).rules()).singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo(target.id()));
        assertThat(rows()).isNotEmpty().allSatisfy(f -> assertThat(f.isIgnored()).isTrue());
        // rows restyle on the next layout pulse, which may come after the detail pane shows the ignore
        await().atMost(LONG).until(() -> !lookup(".finding-ignored").queryAll().isEmpty());
        // "Show suppressed" off hides ignored (and VEX-suppressed) findings, on shows them again
        clickOn("#scan-show-suppressed");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rows()).isEmpty();
        clickOn("#scan-show-suppressed");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rows()).isNotEmpty().allSatisfy(f -> assertThat(f.isIgnored()).isTrue());

        // Export JSON and SARIF.
        clickOn("#scan-export-json");
        clickOn("#scan-export-sarif");
        Path json = exports.resolve("bulwark-report.json");
        Path sarif = exports.resolve("bulwark-report.sarif");
        await().atMost(LONG).until(() -> Files.exists(json) && Files.exists(sarif));
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(json.toFile()).toString()).contains(target.id());
        JsonNode runs = mapper.readTree(sarif.toFile()).path("runs");
        assertThat(runs.isArray()).isTrue();
        assertThat(runs.get(0).path("results").size()).isPositive();

        // A freshly built view re-opens the scan from the history on disk, ignore included.
        showView();
        ListView<?> history = lookup("#scan-history").queryAs(ListView.class);
        await().atMost(LONG).until(() -> history.getItems().size() == 1);
        clickOn(lookup("#scan-history .list-cell").nth(0).<javafx.scene.Node>query());
        clickOn("#scan-history-open");
        await().atMost(LONG).until(() -> rows().size() == all.size());
        assertThat(text("scan-message")).startsWith("Scan of " + project);
        assertThat(rows()).filteredOn(Finding::isIgnored).extracting(Finding::id).contains(target.id());

        // Grouping by package.
        clickOn("#scan-group");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table().getRoot().getChildren()).allSatisfy(i -> {
            assertThat(i.getValue().finding()).isNull();
            assertThat(i.getChildren()).isNotEmpty();
        });
        assertThat(table().getRoot().getChildren()).hasSize(vm.groups().size());
    }
}
