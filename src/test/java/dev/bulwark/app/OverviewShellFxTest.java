package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.osv.EcosystemStatus;
import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.ui.ViewId;
import dev.bulwark.ui.overview.RealScan;
import dev.bulwark.util.AppPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Overview through {@link BulwarkApp}: cards filled from the real container engine ({@code DOCKER_HOST}),
 * a real advisory database and scan history on disk, and its buttons leading to the other views.
 */
class OverviewShellFxTest extends FxRobot {
    private static final Pattern RUNNING = Pattern.compile("Docker: connected, (\\d+) running");

    @TempDir
    Path home;
    private final AppFixture fixture = new AppFixture();
    private final List<String> containers = new ArrayList<>();
    private String dockerHost;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
        FxToolkit.cleanupStages();
        if (!containers.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(containers);
            docker(args.toArray(String[]::new));
        }
    }

    private void start() throws Exception {
        fixture.start(AppPaths.under(home), Clock.systemUTC(), stage -> {
            stage.setWidth(1280);
            stage.setHeight(860);
        });
    }

    private String text(String id) throws Exception {
        return fx(() -> lookup("#" + id).queryAs(Labeled.class).getText());
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    private void backToOverviewAndClick(String button, ViewId expected) {
        clickOn("#nav-overview");
        clickOn("#" + button);
        assertThat(fixture.app().mainViewModel().selectedProperty().get()).as(button).isEqualTo(expected);
    }

    @Test
    void cardsShowTheRealEngineDatabaseAndLatestScanAndLeadToTheirViews() throws Exception {
        dockerHost = DockerEngineSupport.dockerHost();
        String sick = "bwov-" + UUID.randomUUID().toString().substring(0, 8) + "-sick";
        docker("run", "-d", "--network", "none", "--name", sick, "--health-cmd", "false", "--health-interval", "1s",
                "--health-retries", "1", DockerEngineSupport.image(), "sh", "-c", "sleep 100000");
        containers.add(sick);
        AppPaths paths = AppPaths.under(home);
        AdvisoryDatabase db = RealScan.importSubset(AdvisoryDatabase.resolveDir(null, Map.of(), paths),
                Clock.systemUTC());
        int records = db.status().stream().mapToInt(EcosystemStatus::records).sum();
        ScanHistory.Entry scan = RealScan.scanInto(db, home.resolve("work"),
                new ScanHistory(paths.data().resolve("scan-history")));

        start();
        assertThat(lookup("#view-overview").tryQuery()).isPresent();
        assertThat(lookup("#overview-gateway").queryAs(Labeled.class).getText()).startsWith("Not configured");
        assertThat(text("overview-open-gateway")).isEqualTo("Configure");
        assertThat(text("overview-lab")).startsWith("No rate-limiter run yet this session.");

        await().atMost(30, TimeUnit.SECONDS).until(() -> text("overview-engines-headline").equals("1 engine connected"));
        assertThat(fx(() -> lookup("#overview-engines .engine-connected").queryAs(Labeled.class).getText()))
                .isEqualTo("●  default — connected");
        // The tiles and the status bar come from the same monitor snapshot.
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
            Matcher m = RUNNING.matcher(text("status-docker"));
            return m.matches() && Integer.parseInt(m.group(1)) >= 1 && m.group(1).equals(text("overview-count-running"));
        });
        await().atMost(40, TimeUnit.SECONDS).until(() -> fx(() -> lookup("#overview-alerts .label").queryAll().stream()
                .map(n -> ((Labeled) n).getText()).anyMatch(t -> t.endsWith("  default  " + sick + " is unhealthy"))));
        // The alert can come from the engine listing before the next per-second snapshot reaches the tiles.
        await().atMost(30, TimeUnit.SECONDS).until(() -> Integer.parseInt(text("overview-count-unhealthy")) >= 1);

        await().atMost(30, TimeUnit.SECONDS).until(() -> text("overview-advisory")
                .equals("Advisory database: " + records + " records, 3 ecosystems, imported today"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> text("overview-scan").contains(" · 3 packages · "));
        assertThat(text("overview-scan")).endsWith(scan.findings() + " findings");
        assertThat(text("overview-scan-root")).isEqualTo(home.resolve("work").resolve("project").toString());
        for (Map.Entry<Severity, Integer> e : scan.bySeverity().entrySet()) {
            assertThat(text("overview-severity-" + e.getKey().label())).isEqualTo(e.getValue() + " " + e.getKey().label());
        }
        assertThat(text("overview-open-scan")).isEqualTo("Open this scan");

        clickOn("#overview-open-scan");
        assertThat(fixture.app().mainViewModel().selectedProperty().get()).isEqualTo(ViewId.VULNERABILITIES);
        await().atMost(30, TimeUnit.SECONDS).until(() -> text("scan-message").startsWith("Scan of "
                + home.resolve("work").resolve("project")));

        backToOverviewAndClick("overview-open-containers", ViewId.CONTAINERS);
        backToOverviewAndClick("overview-alerts-open", ViewId.CONTAINERS);
        backToOverviewAndClick("overview-open-ratelimiter", ViewId.RATE_LIMITER);
        backToOverviewAndClick("overview-open-gateway", ViewId.GATEWAY);
    }

    @Test
    void withoutDatabaseOrScansTheCardsSaySoPlainly() throws Exception {
        start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> text("overview-advisory").startsWith(
                "No advisory database in "));
        assertThat(text("overview-scan")).startsWith("No scan yet.");
        assertThat(lookup("#overview-scan-severities").queryAs(javafx.scene.layout.Pane.class).getChildren()).isEmpty();
        assertThat(fx(() -> lookup("#overview-alerts-empty").tryQuery().map(Node::isVisible))).contains(true);
        assertThat(text("overview-open-scan")).isEqualTo("Go to Vulnerabilities");
        clickOn("#overview-open-scan");
        assertThat(fixture.app().mainViewModel().selectedProperty().get()).isEqualTo(ViewId.VULNERABILITIES);
    }

    @Test
    void anEngineThatIsAwayIsShownWithItsReasonNextToTheConnectedOne() throws Exception {
        DockerEngineSupport.dockerHost();
        java.nio.file.Files.createDirectories(home.resolve("config"));
        java.nio.file.Files.writeString(home.resolve("config/settings.json"), "{\"docker\":{\"engines\":[{\"name\":"
                + "\"away\",\"uri\":\"unix://" + home.resolve("no-such-docker.sock") + "\"}]}}");
        start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> text("overview-engines-headline")
                .equals("1 of 2 engines connected"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> fx(() -> lookup("#overview-engines .engine-reconnecting")
                .tryQuery().map(n -> ((Labeled) n).getText()).orElse("")).startsWith("●  away — reconnecting in "));
        assertThat(fx(() -> lookup("#overview-engines .engine-connected").queryAs(Labeled.class).getText()))
                .isEqualTo("●  default — connected");
    }

    private String docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", dockerHost);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
