package dev.bulwark.ui.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.app.BulwarkApp;
import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.image.TestImages;
import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.testsupport.SharedData;
import dev.bulwark.testsupport.TestContainers;
import dev.bulwark.ui.FxErrorReporter;
import dev.bulwark.util.AppPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real application against the real test engine and real OSV data: Scan image on a selected container fills
 * the Vulnerabilities tab (by severity, by layer) and the Vulns column of both containers on that image, and the
 * Overview counts them.
 */
class ContainersImageScanFxTest extends FxRobot {
    @TempDir
    static Path home;
    private static TestImages.Built image;

    private TestContainers docker;
    private BulwarkApp app;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        image = TestImages.multiLayer();
        new AdvisoryDatabase(home.resolve("db"), Clock.systemUTC(), Duration.ofDays(7))
                .importDumps(List.of(SharedData.osvDb().resolve("PyPI/all.zip")));
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    @BeforeEach
    void start() throws Exception {
        docker = new TestContainers(DockerEngineSupport.dockerHost(), "bwimg");
        for (String n : List.of("a", "b")) {
            docker.docker("run", "-d", "--network", "none", "--name", docker.prefix + n, image.tag(), "sleep", "300");
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BULWARK_DB", home.resolve("db").toString());
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            stage.setWidth(1400);
            stage.setHeight(860);
            app = new BulwarkApp(AppPaths.under(home.resolve("app")), Clock.systemUTC(), Platform::runLater,
                    new FxErrorReporter());
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
            docker.docker("rm", "-f", docker.prefix + "a", docker.prefix + "b");
            docker.close();
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<ContainerRow> table() {
        return lookup("#containers-table").queryAs(TableView.class);
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

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    @Test
    void scanImageFillsTheVulnerabilitiesTabTheColumnOfBothContainersAndTheOverview() throws Exception {
        await().atMost(30, TimeUnit.SECONDS).until(() -> fx(() -> table().getItems().size()) == 2);
        assertThat(vulns("a")).isEmpty();
        clickOn(docker.prefix + "a");
        await().atMost(5, TimeUnit.SECONDS).until(() -> (docker.prefix + "a")
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
        assertThat(vulns("a")).isIn("HIGH", "CRITICAL");
        assertThat(vulns("b")).isEqualTo(vulns("a"));

        clickOn("#image-tab-layers");
        TreeTableView<?> layers = lookup("#image-layers").queryAs(TreeTableView.class);
        assertThat(fx(() -> layers.getRoot().getChildren().size())).isGreaterThanOrEqualTo(4);
        assertThat(fx(() -> layers.getRoot().getChildren().getLast().getValue().toString())).contains("COPY");

        // The other container shows the cached result at once.
        clickOn(docker.prefix + "b");
        await().atMost(5, TimeUnit.SECONDS).until(() -> lookup("#image-scan-message").queryAs(Labeled.class)
                .getText().contains("packages checked"));

        clickOn("#nav-overview");
        await().atMost(10, TimeUnit.SECONDS).until(() -> lookup("#overview-findings").queryAs(Labeled.class)
                .getText().contains("HIGH or CRITICAL findings: "));
        String text = lookup("#overview-findings").queryAs(Labeled.class).getText();
        assertThat(text).contains(docker.prefix + "a").contains(docker.prefix + "b").containsPattern("\\(2 of \\d+ scanned");
    }
}
