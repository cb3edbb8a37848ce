package dev.bulwark.ui.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.client.GatewayConnector;
import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.settings.GatewayTokenStore;
import dev.bulwark.settings.Settings;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.settings.SettingsStore;
import dev.bulwark.testsupport.FxToolkitExtension;
import dev.bulwark.ui.FxErrorReporter;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.FrameBatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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

/** The Gateway view driven through its real nodes against a real in-process gateway on 127.0.0.1. */
@ExtendWith(FxToolkitExtension.class)
class GatewayViewFxTest extends FxRobot {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private GatewayServer server;
    private SettingsService settings;
    private TaskRunner tasks;
    private GatewayConnector connector;
    private GatewayViewModel vm;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        server = new GatewayServer(GatewayServerConfig.defaults(0), Clock.systemUTC(), TimeSource.system());
        server.start();
        settings = new SettingsService(new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC()),
                Settings.DEFAULTS);
        tasks = new TaskRunner(Platform::runLater, new FxErrorReporter());
        connector = new GatewayConnector((c, l) -> GatewayClients.open(c, null, Clock.systemUTC(), l));
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
            vm = new GatewayViewModel(connector, settings, new GatewayTokenStore(dir.resolve("gateway-token")), tasks,
                    FrameBatcher.factory(), Clock.systemUTC(), null);
            stage = new Stage();
            stage.setScene(new Scene(new GatewayView(vm).root(), 1260, 780));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        connector.close();
        FxToolkit.setupFixture(() -> {
            vm.close();
            stage.hide();
        });
        tasks.close();
        settings.close();
        server.close();
        FxToolkit.cleanupStages();
    }

    private String text(String id) throws Exception {
        return fx(() -> lookup("#" + id).queryAs(Labeled.class).getText());
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    @Test
    void connectFromTheFormThenTheFeedShowsMessagesAndTheirJson() throws Exception {
        assertThat(text("gateway-status")).startsWith("not configured");
        assertThat((javafx.scene.Node) lookup("#gateway-token").query()).isInstanceOf(PasswordField.class);
        assertThat(lookup("#gateway-disconnect").queryAs(Button.class).isDisabled()).isTrue();
        // No token saved yet: Remove has nothing to remove.
        assertThat(lookup("#gateway-token-clear").queryAs(Button.class).isDisabled()).isTrue();
        for (String c : Channels.ALL) {
            assertThat(lookup("#gateway-channel-" + c.replace("maximus:", "")).tryQuery()).as(c).isPresent();
        }
        assertThat(text("gateway-ack-threats")).isEqualTo("subscribes on connect");
        assertThat(text("gateway-ack-osint")).isEqualTo("off");
        assertThat(text("gateway-client-id")).matches("bulwark-[0-9a-f]{8}");

        clickOn("#gateway-url").write("ws://127.0.0.1:" + server.port());
        clickOn("#gateway-token").write("t0ken-value");
        clickOn("#gateway-connect");
        await().atMost(WAIT).until(() -> text("gateway-status").startsWith("connected"));
        await().atMost(WAIT).until(() -> text("gateway-ack-threats").equals("acknowledged"));
        assertThat(text("gateway-token-state")).isEqualTo("token set");
        assertThat(lookup("#gateway-token-clear").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(fx(() -> lookup("#gateway-token").queryAs(PasswordField.class).getText())).isEmpty();
        assertThat(text("gateway-connect")).isEqualTo("Apply and reconnect");
        assertThat(lookup("#gateway-disconnect").queryAs(Button.class).isDisabled()).isFalse();

        clickOn("#gateway-channel-osint");
        await().atMost(WAIT).until(() -> text("gateway-ack-osint").equals("acknowledged"));

        FrameCodec codec = FrameCodec.create();
        server.publish(Channels.THREATS, codec.encode(GatewayFrame.of("threat_alert", Channels.THREATS,
                (ObjectNode) codec.mapper().readTree("{\"severity\":\"critical\",\"title\":\"C2 beacon\","
                        + "\"message\":\"host-7 called out\"}"), Instant.now(), "test")));
        @SuppressWarnings("unchecked")
        TableView<FeedRow> table = lookup("#gateway-feed").queryAs(TableView.class);
        await().atMost(WAIT).until(() -> fx(() -> table.getItems().size()) == 1);
        assertThat(fx(() -> table.getItems().getFirst().summary())).isEqualTo("CRITICAL · C2 beacon: host-7 called out");
        assertThat(text("gateway-count-received")).isEqualTo("1");

        clickOn(".table-row-cell");
        await().atMost(WAIT).until(() -> fx(() -> lookup("#gateway-detail").queryAs(TextArea.class).getText())
                .contains("\"title\" : \"C2 beacon\""));

        clickOn("#gateway-pause");
        assertThat(text("gateway-pause")).isEqualTo("Resume (0 new)");
        server.publish(Channels.THREATS, codec.encode(GatewayFrame.of("threat_alert", Channels.THREATS,
                (ObjectNode) codec.mapper().readTree("{\"severity\":\"low\",\"title\":\"port scan\"}"), Instant.now(),
                "test")));
        await().atMost(WAIT).until(() -> text("gateway-pause").equals("Resume (1 new)"));
        assertThat(fx(() -> table.getItems().size())).isEqualTo(1);
        clickOn("#gateway-pause");
        assertThat(fx(() -> table.getItems().size())).isEqualTo(2);

        clickOn("#gateway-filter").write("beacon");
        assertThat(fx(() -> table.getItems().size())).isEqualTo(1);
        push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);

        clickOn("#gateway-disconnect");
        await().atMost(WAIT).until(() -> text("gateway-status").equals("offline: press Connect"));
        assertThat(text("gateway-connect")).isEqualTo("Connect");
    }
}
