package dev.bulwark.ui.containers;

import dev.bulwark.testsupport.FxToolkitExtension;
import dev.bulwark.testsupport.TestContainers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.app.BulwarkApp;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TabPane;
import dev.bulwark.testsupport.SharedData;
import dev.bulwark.scan.image.TestImages;
import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.engine.LogChunk;
import dev.bulwark.docker.logs.LogLine;
import dev.bulwark.docker.model.ContainerState;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.ui.FxErrorReporter;
import dev.bulwark.util.AppPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.TableColumnHeader;
import org.controlsfx.control.tableview2.FilteredTableColumn;
import org.controlsfx.control.tableview2.FilteredTableView;
import org.controlsfx.control.tableview2.filter.popupfilter.PopupFilter;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Containers view of the real application against the real test engine ({@code DOCKER_HOST}): busybox
 * containers with {@code --network none}, driven through the view's nodes.
 */
@ExtendWith(FxToolkitExtension.class)
class ContainersViewFxTest extends FxRobot {
    @TempDir
    Path home;

    private TestContainers docker;
    private BulwarkApp app;
    private Stage stage;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo info) throws Exception {
        docker = new TestContainers(DockerEngineSupport.dockerHost(), "bwui");
        if (info.getTestMethod().orElseThrow().getName().startsWith("anEngineThatIsAway")) {
            java.nio.file.Files.createDirectories(home.resolve("config"));
            java.nio.file.Files.writeString(home.resolve("config/settings.json"), "{\"docker\":{\"engines\":[{\"name\":\"away\","
                    + "\"uri\":\"unix://" + home.resolve("no-such-docker.sock") + "\"}]}}");
        }
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (info.getTestMethod().orElseThrow().getName().startsWith("scanImage")) {
            // Real OSV data and two containers on the multi-layer image with a vulnerable PyYAML.
            new AdvisoryDatabase(home.resolve("db"), Clock.systemUTC(), Duration.ofDays(7))
                    .importDumps(List.of(SharedData.osvDb().resolve("PyPI/all.zip")));
            env.put("BULWARK_DB", home.resolve("db").toString());
            for (String n : List.of("img-a", "img-b")) {
                docker.docker("run", "-d", "--network", "none", "--name", docker.prefix + n,
                        TestImages.multiLayer().tag(), "sleep", "300");
            }
        }
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            stage.setWidth(1280);
            stage.setHeight(800);
            app = new BulwarkApp(AppPaths.under(home), Clock.systemUTC(), Platform::runLater, new FxErrorReporter());
            app.useEnvironment(env);
            app.start(stage);
        });
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#nav-containers");
        clickOn("#containers-filter").write(docker.prefix);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.setupFixture(() -> {
                stage.hide();
                app.close();
            });
        }
        FxToolkit.cleanupStages();
        if (docker != null) {
            docker.docker("rm", "-f", docker.prefix + "img-a", docker.prefix + "img-b");
            docker.close();
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<ContainerRow> table() {
        return lookup("#containers-table").queryAs(TableView.class);
    }

    private Optional<ContainerView> row(String name) throws Exception {
        return fx(() -> table().getItems().stream().map(ContainerRow::view)
                .filter(v -> v.details().name().equals(docker.prefix + name)).findFirst());
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    @Test
    void showsRunningContainersWithCpuAndMemoryAndStopsOneAfterConfirmation() throws Exception {
        docker.sh("idle", List.of("--stop-timeout", "1"), "sleep 100000");
        docker.sh("burner", List.of(), "while :; do :; done");

        await().atMost(30, TimeUnit.SECONDS).until(() -> row("burner")
                .filter(v -> v.live() && v.stats() != null && v.stats().cpuPercent() > 5).isPresent());
        await().atMost(30, TimeUnit.SECONDS).until(() -> row("idle")
                .filter(v -> v.live() && v.stats() != null && v.stats().memUsageBytes() > 0).isPresent());
        assertThat(fx(() -> table().getItems().size())).isEqualTo(2);
        assertThat(lookup("#status-docker").queryAs(Labeled.class).getText()).startsWith("Docker: connected, ");
        assertThat(Integer.parseInt(lookup("#containers-count-running").queryAs(Labeled.class).getText())).isGreaterThanOrEqualTo(2);

        clickOn(docker.prefix + "idle");
        await().atMost(5, TimeUnit.SECONDS).until(() -> docker.prefix.concat("idle")
                .equals(lookup("#detail-title").queryAs(Labeled.class).getText()));
        clickOn("#action-stop");
        await().atMost(5, TimeUnit.SECONDS).until(() -> lookup("#confirm-ok").tryQuery().isPresent());
        assertThat(row("idle").orElseThrow().details().state()).isEqualTo(ContainerState.RUNNING);
        clickOn("#confirm-ok");

        await().atMost(30, TimeUnit.SECONDS).until(() -> row("idle")
                .filter(v -> v.details().state() == ContainerState.EXITED && v.stats() == null).isPresent());
        await().atMost(5, TimeUnit.SECONDS).until(() ->
                lookup("#action-message").queryAs(Labeled.class).getText().endsWith("done"));
        assertThat(lookup("#action-error").queryAs(Labeled.class).getText()).isEmpty();
        assertThat(lookup("#action-start").queryAs(javafx.scene.control.Button.class).isDisabled()).isFalse();
    }

    @Test
    void logsPaneShowsOutputWithStreamsToldApartAndSearch() throws Exception {
        docker.sh("chatty", List.of(), "i=0; while :; do i=$((i+1)); echo \"hello-out $i\"; echo \"oops-err $i\" >&2; sleep 1; done");
        await().atMost(30, TimeUnit.SECONDS).until(() -> row("chatty").filter(ContainerView::live).isPresent());
        clickOn(docker.prefix + "chatty");
        clickOn("#tab-logs");

        @SuppressWarnings("unchecked")
        ListView<LogLine> lines = lookup("#logs-lines").queryAs(ListView.class);
        await().atMost(20, TimeUnit.SECONDS).until(() -> fx(() -> lines.getItems().stream()
                .anyMatch(l -> l.text().startsWith("hello-out") && l.source() == LogChunk.Source.STDOUT && l.timestamp() != null)
                && lines.getItems().stream().anyMatch(l -> l.text().startsWith("oops-err") && l.source() == LogChunk.Source.STDERR)));

        clickOn("#logs-search").write("oops");
        await().atMost(5, TimeUnit.SECONDS).until(() -> fx(() -> !lines.getItems().isEmpty()
                && lines.getItems().stream().allMatch(l -> l.text().startsWith("oops-err"))));
        clickOn("#logs-stderr");
        await().atMost(5, TimeUnit.SECONDS).until(() -> fx(() -> lines.getItems().isEmpty()));
        assertThat(lookup("#logs-error").queryAs(Labeled.class).getText()).isEmpty();
        assertThat(lookup("#logs-state").queryAs(Labeled.class).getText()).startsWith("Following " + docker.prefix + "chatty");

        docker.docker("stop", "-t", "1", docker.prefix + "chatty");
        await().atMost(20, TimeUnit.SECONDS).until(() -> lookup("#logs-state").queryAs(Labeled.class).getText()
                .equals(docker.prefix + "chatty is not running: its last 200 lines."));
        clickOn("#logs-stderr");
        doubleClickOn("#logs-search").eraseText(4);
        await().atMost(5, TimeUnit.SECONDS).until(() -> fx(() -> lines.getItems().stream()
                .anyMatch(l -> l.text().startsWith("hello-out"))));
    }

    @Test
    void anUnhealthyContainerRaisesAnAlertEntry() throws Exception {
        docker.sh("sick", List.of("--health-cmd", "false", "--health-interval", "1s", "--health-retries", "1"),
                "sleep 100000");
        @SuppressWarnings("unchecked")
        ListView<Alert> alerts = lookup("#containers-alerts").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(40)).until(() -> fx(() -> alerts.getItems().stream()
                .anyMatch(a -> a.kind() == Alert.Kind.UNHEALTHY && a.containerName().equals(docker.prefix + "sick"))));
        // Other unhealthy containers on the shared engine may alert too: bring ours into view before looking.
        interact(() -> alerts.getItems().stream()
                .filter(a -> a.containerName().equals(docker.prefix + "sick")).findFirst().ifPresent(alerts::scrollTo));
        assertThat(lookup(docker.prefix + "sick is unhealthy").tryQuery()).isPresent();
        await().atMost(10, TimeUnit.SECONDS).until(() -> row("sick")
                .filter(v -> v.details().health() == dev.bulwark.docker.model.Health.UNHEALTHY).isPresent());
        await().atMost(10, TimeUnit.SECONDS).until(() -> fx(() ->
                Integer.parseInt(lookup("#containers-count-unhealthy").queryAs(Labeled.class).getText()) >= 1));
    }

    @Test
    void anEngineThatIsAwayIsShownAsReconnectingWithItsReasonAndTheStatusBarSaysSo() throws Exception {
        await().atMost(20, TimeUnit.SECONDS).until(() -> lookup(".engine-reconnecting").tryQuery().isPresent());
        String chip = lookup(".engine-reconnecting").queryAs(Labeled.class).getText();
        assertThat(chip).startsWith("away: reconnecting in ").contains(" s: ");
        assertThat(lookup(".engine-connected").queryAs(Labeled.class).getText()).isEqualTo("default: connected");
        assertThat(lookup("#status-docker").queryAs(Labeled.class).getText())
                .startsWith("Docker: 1 of 2 engines connected, ").contains("away reconnecting in");
    }

    @Test
    void rowsKeepTheThemeColoursWhenContainersComeAndGo() throws Exception {
        for (int i = 0; i < 4; i++) {
            docker.sh("tmp" + i, List.of(), "sleep 1000");
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> fx(() -> table().getItems().size()) == 4);
        clickOn("#containers-filter").eraseText(docker.prefix.length());
        Thread.sleep(2000); // a few per-second updates with the unfiltered list
        docker.docker("rm", "-f", docker.prefix + "tmp0", docker.prefix + "tmp2");
        await().atMost(30, TimeUnit.SECONDS).until(() -> row("tmp0").isEmpty() && row("tmp2").isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> black = fx(() -> table().lookupAll(".table-row-cell").stream()
                .map(n -> (javafx.scene.control.TableRow<?>) n)
                .filter(r -> r.getItem() != null && r.isVisible())
                .flatMap(r -> r.lookupAll(".table-cell").stream()
                        .map(c -> (javafx.scene.control.TableCell<?, ?>) c)
                        .filter(c -> javafx.scene.paint.Color.BLACK.equals(c.getTextFill()))
                        .map(c -> r.getItem() + " " + c.getTableColumn().getText()))
                .toList());
        assertThat(black).as("cells without the dark theme's text colour").isEmpty();
    }

    private List<String> shownNames() throws Exception {
        return fx(() -> table().getItems().stream().map(r -> r.view().details().name().substring(docker.prefix.length())).toList());
    }

    private FilteredTableColumn<ContainerRow, ?> column(String id) throws Exception {
        return fx(() -> table().getColumns().stream().filter(c -> id.equals(c.getId()))
                .map(c -> (FilteredTableColumn<ContainerRow, ?>) c).findFirst().orElseThrow());
    }

    /** The title text in a column's header (clicking it sorts; the filter button beside it does not). */
    private javafx.scene.Node title(TableColumn<?, ?> column) throws Exception {
        return fx(() -> table().lookupAll(".column-header").stream()
                .filter(n -> n instanceof TableColumnHeader h && h.getTableColumn() == column)
                .flatMap(h -> h.lookupAll(".text").stream())
                .filter(t -> t instanceof javafx.scene.text.Text x && column.getText().equals(x.getText()))
                .findFirst().orElseThrow());
    }

    @Test
    void columnFiltersFromTheHeaderPopupsShowOnlyMatchingRowsAndHeaderClicksStillSort() throws Exception {
        docker.sh("idle", List.of(), "sleep 100000");
        docker.sh("burner", List.of(), "while :; do :; done");
        docker.sh("done", List.of(), "exit 0");
        await().atMost(30, TimeUnit.SECONDS).until(() -> row("burner")
                .filter(v -> v.live() && v.stats() != null && v.stats().cpuPercent() > 20).isPresent()
                && row("idle").filter(ContainerView::live).isPresent()
                && row("done").filter(v -> v.details().state() == ContainerState.EXITED).isPresent());
        assertThat(table()).isInstanceOf(FilteredTableView.class);
        assertThat(fx(() -> ((FilteredTableView<?>) table()).isRowHeaderVisible())).isFalse();

        // State: a string condition typed into the column's popup filter.
        FilteredTableColumn<ContainerRow, ?> state = column("col-state");
        PopupFilter<?, ?> stateFilter = (PopupFilter<?, ?>) state.getProperties().get(ContainerTable.POPUP_FILTER);
        interact(() -> stateFilter.setText("equals to \"running\""));
        await().atMost(5, TimeUnit.SECONDS).until(() -> shownNames().stream().sorted().toList().equals(List.of("burner", "idle")));
        assertThat(fx(() -> state.getGraphic().getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("filtered"))))
                .as("the header's filter icon shows the active filter").isTrue();
        interact(() -> stateFilter.setText(""));
        await().atMost(5, TimeUnit.SECONDS).until(() -> shownNames().size() == 3);
        assertThat(fx(() -> state.getGraphic().getPseudoClassStates().isEmpty())).isTrue();

        // CPU %: through the header's filter button and the popup's text field, as a person would.
        FilteredTableColumn<ContainerRow, ?> cpu = column("col-cpu");
        clickOn(cpu.getGraphic());
        await().atMost(5, TimeUnit.SECONDS).until(() -> lookup(".containers-filter-popup .text-field").tryQuery().isPresent());
        clickOn(lookup(".containers-filter-popup .text-field").queryAs(javafx.scene.control.TextField.class)).write("> 20");
        await().atMost(5, TimeUnit.SECONDS).until(() -> shownNames().equals(List.of("burner")));
        Thread.sleep(1500); // a few per-second updates: the live figure keeps matching, the others stay out
        assertThat(shownNames()).containsExactly("burner");
        PopupFilter<?, ?> cpuFilter = (PopupFilter<?, ?>) cpu.getProperties().get(ContainerTable.POPUP_FILTER);
        interact(() -> {
            cpuFilter.hide();
            cpuFilter.setText("");
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> shownNames().size() == 3);

        // Sorting by clicking a header's title (not its filter button) still orders the rows.
        clickOn(title(column("col-name")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> shownNames().equals(List.of("burner", "done", "idle")));
        clickOn(title(column("col-name")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> shownNames().equals(List.of("idle", "done", "burner")));
        clickOn(title(cpu)); // replaces the sort order: CPU ascending, no figure first
        await().atMost(5, TimeUnit.SECONDS).until(() -> shownNames().equals(List.of("done", "idle", "burner")));
    }

    @Test
    void inspectTabShowsTheEnginesOwnDocumentAndAnErrorForARemovedContainer() throws Exception {
        String id = docker.sh("target", List.of(), "sleep 100000");
        await().atMost(30, TimeUnit.SECONDS).until(() -> row("target").filter(ContainerView::live).isPresent());
        clickOn(docker.prefix + "target");
        clickOn("#tab-inspect");
        TextArea inspect = lookup("#detail-inspect").queryAs(TextArea.class);
        await().atMost(10, TimeUnit.SECONDS).until(() -> fx(inspect::getText).contains("\"Config\""));
        String json = fx(inspect::getText);
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(doc.path("Id").asText()).isEqualTo(id);
        assertThat(doc.path("Config").path("Cmd").toString()).contains("sleep 100000");
        assertThat(doc.has("HostConfig")).as("fields Bulwark does not parse are kept").isTrue();
        assertThat(json).startsWith("{\n  \"Id\" : \"" + id + "\"");
        assertThat(lookup("#inspect-error").queryAs(Labeled.class).getText()).isEmpty();

        // Removed behind Bulwark's back, then Refresh before the monitor has told the view (the FX thread is
        // held for both, so the removal cannot reach the view first).
        String[] shown = new String[1];
        interact(() -> {
            docker.docker("rm", "-f", docker.prefix + "target");
            lookup("#inspect-refresh").queryButton().fire();
            shown[0] = inspect.getText();
        });
        assertThat(shown[0]).isEqualTo("Loading…");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !lookup("#inspect-error").queryAs(Labeled.class).getText().isEmpty());
        assertThat(lookup("#inspect-error").queryAs(Labeled.class).getText())
                .startsWith("Could not inspect " + docker.prefix + "target (" + id.substring(0, 12) + ") on engine default: ")
                .contains("No such container");
        assertThat(fx(() -> inspect.getText())).isEmpty();
        // The view then learns the container is gone; the error stays, it says why.
        await().atMost(10, TimeUnit.SECONDS).until(() -> row("target").isEmpty());
        await().atMost(5, TimeUnit.SECONDS).until(() -> "Select a container".equals(lookup("#detail-title").queryAs(Labeled.class).getText()));
        assertThat(lookup("#inspect-error").queryAs(Labeled.class).getText()).contains("No such container");
    }

    @SuppressWarnings("unchecked")
    private String vulns(String name) throws Exception {
        return fx(() -> {
            TableColumn<ContainerRow, String> col = (TableColumn<ContainerRow, String>) table().getColumns().stream()
                    .filter(c -> "col-vulns".equals(c.getId())).findFirst().orElseThrow();
            return table().getItems().stream().filter(r -> r.view().details().name().equals(docker.prefix + name))
                    .findFirst().map(col::getCellData).orElse(null);
        });
    }

    /** Issue 13: Scan image fills the Vulnerabilities tab, the Vulns column of both containers on the image, the Overview. */
    @Test
    void scanImageFillsTheVulnerabilitiesTabTheColumnOfBothContainersAndTheOverview() throws Exception {
        await().atMost(30, TimeUnit.SECONDS).until(() -> fx(() -> table().getItems().size()) == 2);
        assertThat(vulns("img-a")).isEmpty();
        clickOn(docker.prefix + "img-a");
        await().atMost(5, TimeUnit.SECONDS).until(() -> (docker.prefix + "img-a")
                .equals(lookup("#detail-title").queryAs(Labeled.class).getText()));

        clickOn("#action-scan-image");

        TabPane tabs = lookup("#detail-tabs").queryAs(TabPane.class);
        assertThat(fx(() -> tabs.getSelectionModel().getSelectedItem().getId())).isEqualTo("tab-vulnerabilities");
        await().atMost(120, TimeUnit.SECONDS).until(() -> lookup("#image-scan-message").queryAs(Labeled.class)
                .getText().contains("packages checked"));
        TableView<?> findings = lookup("#image-findings").queryAs(TableView.class);
        assertThat(fx(() -> findings.getItems().size())).isPositive();
        assertThat(fx(() -> lookup("#image-scan-counts").queryParent().getChildrenUnmodifiable().size())).isEqualTo(5);
        // Both containers run the image: one scan fills both rows.
        assertThat(vulns("img-a")).isIn("HIGH", "CRITICAL");
        assertThat(vulns("img-b")).isEqualTo(vulns("img-a"));

        clickOn("#image-tab-layers");
        TreeTableView<?> layers = lookup("#image-layers").queryAs(TreeTableView.class);
        assertThat(fx(() -> layers.getRoot().getChildren().size())).isGreaterThanOrEqualTo(4);
        assertThat(fx(() -> layers.getRoot().getChildren().getLast().getValue().toString())).contains("COPY");

        // The other container shows the cached result at once.
        clickOn(docker.prefix + "img-b");
        await().atMost(5, TimeUnit.SECONDS).until(() -> lookup("#image-scan-message").queryAs(Labeled.class)
                .getText().contains("packages checked"));

        clickOn("#nav-overview");
        await().atMost(10, TimeUnit.SECONDS).until(() -> lookup("#overview-findings").queryAs(Labeled.class)
                .getText().contains("HIGH or CRITICAL findings: "));
        String text = lookup("#overview-findings").queryAs(Labeled.class).getText();
        assertThat(text).contains(docker.prefix + "img-a").contains(docker.prefix + "img-b").containsPattern("\\(2 of \\d+ scanned");
    }
}
