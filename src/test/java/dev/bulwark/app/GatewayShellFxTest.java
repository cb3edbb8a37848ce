package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ui.ViewId;
import dev.bulwark.util.AppPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The gateway through {@link BulwarkApp}: the status bar, auto-connect from saved settings, the Overview card. */
class GatewayShellFxTest extends ShellFxTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;
    private GatewayServer server;

    @Override
    protected void afterApp() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private String text(String id) throws Exception {
        return WaitForAsyncUtils.asyncFx((Callable<String>) () -> lookup("#" + id).queryAs(Labeled.class).getText())
                .get(5, TimeUnit.SECONDS);
    }

    private void start() throws Exception {
        fixture.start(AppPaths.under(home), Clock.systemUTC(), stage -> {
            stage.setWidth(1260);
            stage.setHeight(780);
        });
    }

    @Test
    void withoutAGatewayTheStatusBarAndTheOverviewSayNotConfigured() throws Exception {
        start();
        assertThat(text("status-gateway")).isEqualTo("Gateway: not configured");
        clickOn("#nav-overview");
        assertThat(text("overview-gateway")).isEqualTo("Not configured");
        assertThat(text("overview-gateway-rtt")).isEqualTo("—");
        clickOn("#first-run-gateway-configure");
        assertThat(fixture.app().mainViewModel().selectedProperty().get()).isEqualTo(ViewId.GATEWAY);
        assertThat(lookup("#gateway-url").tryQuery()).isPresent();
        // The client id was generated and saved at start.
        await().atMost(WAIT).until(() -> Files.exists(home.resolve("config/settings.json"))
                && Files.readString(home.resolve("config/settings.json")).matches("(?s).*\"clientId\" : \"bulwark-[0-9a-f]{8}\".*"));
    }

    @Test
    void aSavedConnectionReconnectsAtStartAndThreatAlertsReachTheOverviewAndANotification() throws Exception {
        server = new GatewayServer(GatewayServerConfig.defaults(0), Clock.systemUTC(), TimeSource.system());
        server.start();
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), "{\"theme\":\"DARK\",\"lastView\":\"overview\",\"gateway\":{\"url\":"
                + "\"ws://127.0.0.1:" + server.port() + "\",\"clientId\":\"bulwark-0000beef\",\"autoConnect\":true}}");
        start();
        await().atMost(WAIT).until(() -> text("status-gateway").startsWith("Gateway: connected"));
        await().atMost(WAIT).until(() -> server.subscribers(Channels.THREATS) == 1);
        assertThat(text("overview-gateway")).startsWith("connected · ");
        assertThat(lookup("#first-run-gateway").query().isVisible()).as("configured: no first-run card").isFalse();
        await().atMost(WAIT).until(() -> text("overview-gateway-rtt").matches("rtt \\d+ ms"));
        assertThat(threatLines()).containsExactly("No threat alert since Bulwark started.");

        FrameCodec codec = FrameCodec.create();
        for (int i = 1; i <= 6; i++) {
            server.publish(Channels.THREATS, codec.encode(GatewayFrame.of("threat_alert", Channels.THREATS,
                    (ObjectNode) codec.mapper().readTree("{\"severity\":\"high\",\"title\":\"alert " + i + "\"}"),
                    Instant.now(), "test")));
        }
        await().atMost(WAIT).until(() -> threatLines().stream().map(l -> l.replaceFirst("^\\d\\d:\\d\\d:\\d\\d  ", ""))
                .toList().equals(java.util.List.of("HIGH  alert 6", "HIGH  alert 5", "HIGH  alert 4", "HIGH  alert 3",
                        "HIGH  alert 2")));
        // The burst raised a desktop notification, readable on the dark theme: light title on a dark background.
        // ControlsFX's own rules resolve no background (Modena colours AtlantaFX lacks) and a #292929 title.
        await().atMost(WAIT).until(() -> WaitForAsyncUtils.asyncFx(() -> notificationTitle() != null)
                .get(5, TimeUnit.SECONDS));
        double[] brightness = WaitForAsyncUtils.asyncFx(() -> {
            Labeled title = notificationTitle();
            javafx.scene.Parent pane = title.getParent();
            while (!pane.getParent().getStyleClass().contains("notification-bar")) { // its pane paints the background
                pane = pane.getParent();
            }
            Background bg = ((Region) pane).getBackground();
            assertThat(bg).as("notification background").isNotNull();
            return new double[] {((Color) title.getTextFill()).getBrightness(),
                    ((Color) bg.getFills().getLast().getFill()).getBrightness()};
        }).get(5, TimeUnit.SECONDS);
        assertThat(brightness[0]).as("title brightness").isGreaterThan(0.6);
        assertThat(brightness[1]).as("background brightness").isLessThan(0.4);
    }

    private Labeled notificationTitle() {
        return lookup(".notification-bar .title").queryAll().stream()
                .filter(javafx.scene.Node::isVisible).map(Labeled.class::cast).findFirst().orElse(null);
    }

    private java.util.List<String> threatLines() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> lookup("#overview-threats .overview-threat").queryAll().stream()
                .filter(javafx.scene.Node::isVisible).map(n -> ((Labeled) n).getText()).toList())
                .get(5, TimeUnit.SECONDS);
    }
}
