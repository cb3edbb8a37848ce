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
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Pane;
import dev.bulwark.testsupport.SharedData;
import dev.bulwark.ui.scan.ScanPickers;
import eu.hansolo.tilesfx.Tile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Overview through {@link BulwarkApp}: cards filled from the real container engine ({@code DOCKER_HOST}),
 * a real advisory database and scan history on disk, and its buttons leading to the other views.
 */
class OverviewShellFxTest extends ShellFxTestBase {
    private static final Pattern RUNNING = Pattern.compile("Docker: connected, (\\d+) running");

    @TempDir
    Path home;
    private final List<String> containers = new ArrayList<>();
    private String dockerHost;

    @Override
    protected void afterApp() throws Exception {
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
    void tilesShowTheRealEngineDatabaseAndLatestScanUpdateInPlaceAndLeadToTheirViews() throws Exception {
        dockerHost = DockerEngineSupport.dockerHost();
        String sick = "bwov-" + UUID.randomUUID().toString().substring(0, 8) + "-sick";
        docker("run", "-d", "--network", "none", "--name", sick, "--health-cmd", "false", "--health-interval", "1s",
                "--health-retries", "1", DockerEngineSupport.image(), "sh", "-c", "sleep 100000");
        containers.add(sick);
        AppPaths paths = AppPaths.under(home);
        AdvisoryDatabase db = RealScan.importSubset(AdvisoryDatabase.resolveDir(null, Map.of(), paths),
                Clock.systemUTC());
        ScanHistory.Entry scan = RealScan.scanInto(db, home.resolve("work"),
                new ScanHistory(paths.data().resolve("scan-history")));

        start();
        assertThat(lookup("#view-overview").tryQuery()).isPresent();
        assertThat(text("overview-gateway")).isEqualTo("Not configured");
        assertThat(visible("first-run-gateway")).isTrue();
        assertThat(text("first-run-gateway-configure")).isEqualTo("Configure");
        assertThat(text("overview-lab-none")).isEqualTo("No rate-limiter run yet this session.");

        await().atMost(30, TimeUnit.SECONDS).until(() -> text("overview-engines-headline").equals("1 engine connected"));
        assertThat(visible("first-run-engine")).isFalse();
        // The tiles and the status bar come from the same monitor snapshot.
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
            Matcher m = RUNNING.matcher(text("status-docker"));
            return m.matches() && Integer.parseInt(m.group(1)) >= 1 && m.group(1).equals(text("overview-count-running"));
        });
        await().atMost(40, TimeUnit.SECONDS).until(() -> fx(() -> lookup("#overview-alerts .label").queryAll().stream()
                .map(n -> ((Labeled) n).getText()).anyMatch(t -> t.endsWith("  default  " + sick + " is unhealthy"))));
        await().atMost(30, TimeUnit.SECONDS).until(() -> Integer.parseInt(text("overview-count-unhealthy")) >= 1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> text("overview-unhealthy-list").contains(sick + " (default)"));

        // Live: the CPU gauge is measured (no veil), and the same nodes take every new sample.
        await().atMost(30, TimeUnit.SECONDS).until(() -> !visible("overview-cpu-none").booleanValue());
        Tile cpu = fx(() -> lookup("#overview-tile-cpu").queryAs(Tile.class));
        // A sparkline under the value, not drawn over a gauge; no axis labels over it (also after the theme's
        // colours were applied), and the cores in the tile's text.
        assertThat(fx(cpu::getSkinType)).isEqualTo(Tile.SkinType.SPARK_LINE);
        assertThat(fx(cpu::getTickLabelColor)).isEqualTo(javafx.scene.paint.Color.TRANSPARENT);
        assertThat(fx(cpu::isTextVisible)).isTrue();
        assertThat(fx(cpu::getText)).startsWith("100 % = 1 core");
        List<Node> slots = fx(() -> List.copyOf(lookup("#overview-tiles").queryAs(Pane.class).getChildren()));
        Node first = fx(() -> lookup("#overview-count-running").query());
        int running = Integer.parseInt(text("overview-count-running"));
        String extra = "bwov-" + UUID.randomUUID().toString().substring(0, 8) + "-extra";
        docker("run", "-d", "--network", "none", "--name", extra, DockerEngineSupport.image(), "sh", "-c", "sleep 100000");
        containers.add(extra);
        await().atMost(30, TimeUnit.SECONDS).until(() -> Integer.parseInt(text("overview-count-running")) > running);
        assertThat(fx(() -> lookup("#overview-tile-cpu").queryAs(Tile.class))).isSameAs(cpu);
        assertThat(fx(() -> List.copyOf(lookup("#overview-tiles").queryAs(Pane.class).getChildren())))
                .usingElementComparator((a, b) -> a == b ? 0 : 1).containsExactlyElementsOf(slots);
        assertThat((Object) fx(() -> lookup("#overview-count-running").query())).isSameAs(first);

        Tile severities = fx(() -> lookup("#overview-tile-severities").queryAs(Tile.class));
        await().atMost(30, TimeUnit.SECONDS).until(() -> fx(severities::getTitle).contains(" · 3 packages · "));
        assertThat(fx(severities::getTitle)).endsWith(scan.findings() + " findings");
        await().atMost(30, TimeUnit.SECONDS).until(() -> "Advisory data: imported today".equals(fx(severities::getText)));
        Map<String, Double> donut = fx(() -> severities.getChartData().stream()
                .collect(java.util.stream.Collectors.toMap(d -> d.getName(), d -> d.getValue())));
        for (Severity s : Severity.values()) {
            assertThat(donut.get(s.label())).as(s.label()).isEqualTo((double) scan.bySeverity().getOrDefault(s, 0));
        }
        // The skin's per-slice percentages ("0%" ones too) overlapped on thin slices: counts and legend only.
        assertThat(fx(severities::isPercentageVisible)).isFalse();
        // Slice counts in the theme's text colour (TilesFX's default white vanished on the light theme).
        assertThat(fx(() -> severities.getChartData().stream().map(d -> d.getTextColor()).distinct().toList()))
                .containsExactly(fx(severities::getValueColor));

        clickOn("#overview-slot-severities");
        assertThat(fixture.app().mainViewModel().selectedProperty().get()).isEqualTo(ViewId.VULNERABILITIES);
        await().atMost(30, TimeUnit.SECONDS).until(() -> text("scan-message").startsWith("Scan of "
                + home.resolve("work").resolve("project")));

        backToOverviewAndClick("overview-slot-cpu", ViewId.CONTAINERS);
        backToOverviewAndClick("overview-slot-containers", ViewId.CONTAINERS);
        backToOverviewAndClick("overview-slot-alerts", ViewId.CONTAINERS);
        backToOverviewAndClick("overview-slot-lab", ViewId.RATE_LIMITER);
        backToOverviewAndClick("overview-slot-gateway", ViewId.GATEWAY);
        backToOverviewAndClick("first-run-gateway-configure", ViewId.GATEWAY);
    }

    @Test
    void tilesReflowFromSmallScreensTo4k() throws Exception {
        start();
        Pane tiles = fx(() -> lookup("#overview-tiles").queryAs(Pane.class));
        fx(() -> {
            fixture.stage().setWidth(1024);
            fixture.stage().setHeight(768);
            return null;
        });
        await().atMost(10, TimeUnit.SECONDS).until(() -> fx(() -> ((javafx.scene.layout.TilePane) tiles).getPrefColumns()) == 2);
        fx(() -> {
            fixture.stage().setWidth(3840);
            fixture.stage().setHeight(2160);
            return null;
        });
        await().atMost(10, TimeUnit.SECONDS).until(() -> fx(() -> ((javafx.scene.layout.TilePane) tiles).getPrefColumns()) == 8);
        assertThat(fx(() -> lookup("#overview-tiles").queryAs(Pane.class))).isSameAs(tiles);
        assertThat(fx(() -> tiles.getChildren().stream().allMatch(n -> n.getBoundsInParent().getMaxX() <= tiles.getWidth() + 1)))
                .as("no tile beyond the right edge").isTrue();
    }

    @Test
    void firstRunWithoutEngineDatabaseOrGatewaySaysWhyAndOffersTheWayIn() throws Exception {
        Path socket = home.resolve("no-docker/docker.sock");
        Path dump = SharedData.osvDb().resolve("PyPI/all.zip");
        fixture.start(AppPaths.under(home), Clock.systemUTC(), stage -> {
            stage.setWidth(1280);
            stage.setHeight(860);
        }, app -> {
            app.useEnvironment(Map.of("DOCKER_HOST", "unix://" + socket));
            app.useScanPickers(new DumpPicker(dump));
        });
        await().atMost(30, TimeUnit.SECONDS).until(() -> visible("first-run-engine"));
        assertThat(text("first-run-engine-reason")).startsWith("default at unix://" + socket + " — ")
                .containsIgnoringCase("no such file");
        assertThat(text("overview-count-running")).as("no invented zero").isEqualTo("—");
        assertThat(visible("overview-cpu-none")).isTrue();
        assertThat(text("overview-cpu-none")).startsWith("no data yet");
        assertThat(visible("overview-memory-none")).isTrue();
        assertThat(text("overview-gateway-rtt")).isEqualTo("—");
        assertThat(text("overview-findings")).startsWith("Not scanned yet");

        await().atMost(30, TimeUnit.SECONDS).until(() -> visible("first-run-advisory"));
        assertThat(text("first-run-download-size")).isEqualTo("Download size: size unknown until checked");
        assertThat(text("overview-scan-none")).startsWith("No scan yet.");
        clickOn("#first-run-import");
        await().atMost(10, TimeUnit.SECONDS).until(() -> text("first-run-advisory-message").startsWith(
                String.format(java.util.Locale.ROOT, "Picked all.zip (%.1f MiB).", java.nio.file.Files.size(dump) / 1048576.0)));
        await().atMost(60, TimeUnit.SECONDS).until(() -> !visible("first-run-advisory"));
        assertThat(fx(() -> lookup("#overview-tile-severities").queryAs(Tile.class).getText()))
                .isEqualTo("Advisory data: imported today");

        backToOverviewAndClick("first-run-engine-settings", ViewId.SETTINGS);
        backToOverviewAndClick("first-run-gateway-configure", ViewId.GATEWAY);
    }

    private Boolean visible(String id) throws Exception {
        return fx(() -> lookup("#" + id).tryQuery().map(n -> {
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return true;
        }).orElse(false));
    }

    /** The file dialog answering with one real OSV dump. */
    private record DumpPicker(Path dump) implements ScanPickers {
        @Override
        public java.util.Optional<Path> folder(javafx.stage.Window owner, String title) {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<Path> manifest(javafx.stage.Window owner) {
            return java.util.Optional.empty();
        }

        @Override
        public List<Path> dumps(javafx.stage.Window owner) {
            return List.of(dump);
        }
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
