package dev.bulwark.ui.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.settings.GatewaySettings;
import dev.bulwark.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gateway view-model against a real in-process {@link GatewayServer} on 127.0.0.1. */
class GatewayViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final FrameCodec codec = FrameCodec.create();

    @TempDir
    Path dir;

    private GatewayServer server;
    private GatewayVmHarness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private GatewayServer startServer(GatewayServerConfig config) throws Exception {
        GatewayServer s = new GatewayServer(config, Clock.systemUTC(), TimeSource.system());
        s.start();
        return s;
    }

    private GatewayVmHarness harness(UnaryOperator<Settings> initial) {
        h = new GatewayVmHarness(dir, initial);
        return h;
    }

    private <T> T fx(java.util.concurrent.Callable<T> c) {
        return h.fx.call(c);
    }

    private String url() {
        return "ws://127.0.0.1:" + server.port();
    }

    private void publish(String channel, String type, String json) throws Exception {
        ObjectNode data = (ObjectNode) codec.mapper().readTree(json);
        server.publish(channel, codec.encode(GatewayFrame.of(type, channel, data, Instant.now(), "test-publisher")));
    }

    private ChannelToggle toggle(String channel) {
        // The list is fixed at construction: safe to read from the test thread (and from inside fx()).
        return h.vm.channels().stream().filter(t -> t.channel().equals(channel)).findFirst().orElseThrow();
    }

    private void connectAndWaitForAcks() throws Exception {
        server = startServer(GatewayServerConfig.defaults(0));
        harness(s -> s);
        h.fx.run(() -> {
            h.vm.urlProperty().set(url());
            h.vm.connect();
        });
        await().atMost(WAIT).until(() -> fx(() -> h.vm.status().statusKindProperty().get()) == GatewayStatusModel.StatusKind.CONNECTED);
        await().atMost(WAIT).until(() -> fx(() -> toggle(Channels.THREATS).ackProperty().get()).equals("acknowledged"));
    }

    @Test
    void notConfiguredSaysSoPlainlyAndConnectAsksForTheUrl() {
        harness(s -> s);
        assertThat(fx(() -> h.vm.status().statusLineProperty().get()))
                .isEqualTo("not configured: enter the gateway's URL and press Connect");
        assertThat(fx(() -> h.vm.status().statusBarProperty().get())).isEqualTo("Gateway: not configured");
        assertThat(fx(() -> h.vm.status().statusKindProperty().get())).isEqualTo(GatewayStatusModel.StatusKind.NOT_CONFIGURED);
        h.fx.run(h.vm::connect);
        assertThat(fx(() -> h.vm.formMessageProperty().get())).startsWith("Enter the gateway's URL");
        assertThat(fx(() -> h.vm.activeProperty().get())).isFalse();
        // The client id was generated once, as bulwark-<8 hex>, and saved.
        String id = fx(() -> h.vm.clientIdProperty().get());
        assertThat(id).matches("bulwark-[0-9a-f]{8}");
        assertThat(h.settings.get().gateway().clientId()).isEqualTo(id);
        assertThat(fx(() -> h.vm.channels()).stream().map(ChannelToggle::channel).toList()).isEqualTo(Channels.ALL);
    }

    @Test
    void connectsSubscribesTheChosenChannelsAndShowsPublishedMessagesWithTheirSummary() throws Exception {
        connectAndWaitForAcks();
        assertThat(fx(() -> h.vm.status().statusLineProperty().get())).startsWith("connected").contains("live");
        assertThat(fx(() -> h.vm.status().statusBarProperty().get())).startsWith("Gateway: connected");
        assertThat(h.settings.get().gateway().url()).isEqualTo(url());
        assertThat(h.settings.get().gateway().autoConnect()).isTrue();
        assertThat(fx(() -> toggle(Channels.OSINT).ackProperty().get())).isEqualTo("off");

        // A channel turned on is subscribed and acknowledged, and remembered.
        h.fx.run(() -> toggle(Channels.OSINT).wantedProperty().set(true));
        await().atMost(WAIT).until(() -> fx(() -> toggle(Channels.OSINT).ackProperty().get()).equals("acknowledged"));
        await().atMost(WAIT).until(() -> server.subscribers(Channels.OSINT) == 1);
        assertThat(h.settings.get().gateway().channels()).contains(Channels.OSINT);
        h.fx.run(() -> toggle(Channels.OSINT).wantedProperty().set(false));
        await().atMost(WAIT).until(() -> server.subscribers(Channels.OSINT) == 0);
        assertThat(fx(() -> toggle(Channels.OSINT).ackProperty().get())).isEqualTo("off");

        List<ThreatAlert> notified = new CopyOnWriteArrayList<>();
        h.fx.run(() -> h.vm.feed().onThreatAlert(notified::add));
        publish(Channels.THREATS, "threat_alert",
                "{\"severity\":\"high\",\"title\":\"SQL injection\",\"message\":\"blocked at the edge\",\"ip\":\"203.0.113.9\"}");
        publish(Channels.CONTAINERS, "container_status", "{\"container\":\"web-1\",\"status\":\"healthy\"}");
        await().atMost(WAIT).until(() -> fx(() -> h.vm.feed().rows().size()) == 2);
        List<FeedRow> rows = fx(() -> List.copyOf(h.vm.feed().rows()));
        assertThat(rows.get(0).summary()).isEqualTo("web-1: healthy"); // newest first
        assertThat(rows.get(1).summary()).isEqualTo("HIGH · SQL injection: blocked at the edge");
        assertThat(rows.get(1).channel()).isEqualTo(Channels.THREATS);
        assertThat(rows.get(1).type()).isEqualTo("threat_alert");
        assertThat(notified).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo("high");
            assertThat(a.title()).isEqualTo("SQL injection");
        });
        assertThat(fx(() -> List.copyOf(h.vm.feed().threats()))).hasSize(1);
        await().atMost(WAIT).until(() -> fx(() -> h.vm.status().receivedProperty().get()) == 2);

        // The detail is the frame as pretty-printed JSON.
        h.fx.run(() -> h.vm.feed().selectedProperty().set(h.vm.feed().rows().get(1)));
        String detail = fx(() -> h.vm.feed().detailProperty().get());
        assertThat(detail).contains("\"type\" : \"threat_alert\"").contains("\"ip\" : \"203.0.113.9\"").contains("\n");
        // A message on a channel no longer wanted does not arrive.
        publish(Channels.OSINT, "osint_progress", "{\"message\":\"not for us\"}");
        publish(Channels.TASKS, "task_update", "{\"task\":\"scan-42\",\"state\":\"done\"}");
        await().atMost(WAIT).until(() -> fx(() -> h.vm.feed().rows().size()) == 3);
        assertThat(fx(() -> h.vm.feed().rows().getFirst().summary())).isEqualTo("scan-42: done");
    }

    @Test
    void pauseCountsNewMessagesAndResumeShowsThemAndFiltersNarrowTheFeed() throws Exception {
        connectAndWaitForAcks();
        publish(Channels.THREATS, "threat_alert", "{\"severity\":\"low\",\"title\":\"port scan\"}");
        await().atMost(WAIT).until(() -> fx(() -> h.vm.feed().rows().size()) == 1);

        h.fx.run(() -> h.vm.feed().pausedProperty().set(true));
        publish(Channels.THREATS, "threat_alert", "{\"severity\":\"critical\",\"title\":\"ransomware beacon\"}");
        publish(Channels.CONTAINERS, "container_status", "{\"container\":\"db\",\"status\":\"unhealthy\"}");
        await().atMost(WAIT).until(() -> fx(() -> h.vm.feed().heldCountProperty().get()) == 2);
        assertThat(fx(() -> h.vm.feed().rows().size())).isEqualTo(1);
        // Threat alerts still reach the Overview while the feed is paused.
        assertThat(fx(() -> h.vm.feed().threats().getFirst().severity())).isEqualTo("critical");

        h.fx.run(() -> h.vm.feed().pausedProperty().set(false));
        assertThat(fx(() -> h.vm.feed().heldCountProperty().get())).isZero();
        assertThat(fx(() -> h.vm.feed().rows().stream().map(FeedRow::summary).toList()))
                .containsExactly("db: unhealthy", "CRITICAL · ransomware beacon", "LOW · port scan");

        h.fx.run(() -> h.vm.feed().filterTextProperty().set("RANSOM"));
        assertThat(fx(() -> h.vm.feed().visibleRows().stream().map(FeedRow::summary).toList()))
                .containsExactly("CRITICAL · ransomware beacon");
        h.fx.run(() -> {
            h.vm.feed().filterTextProperty().set("");
            h.vm.feed().channelFilterProperty().set(Channels.CONTAINERS);
        });
        assertThat(fx(() -> h.vm.feed().visibleRows().stream().map(FeedRow::channel).toList()))
                .containsExactly(Channels.CONTAINERS);
        h.fx.run(() -> h.vm.feed().channelFilterProperty().set(null));
        assertThat(fx(() -> h.vm.feed().visibleRows().size())).isEqualTo(3);
    }

    @Test
    void aBurstArrivesInFewBatchesAndTheFeedKeepsTheNewest5000() throws Exception {
        server = startServer(GatewayServerConfig.defaults(0).withLimits(1 << 20, 100, 20_000));
        connectAfterServer();
        int n = GatewayFeed.LIMIT + 200;
        for (int i = 0; i < n; i++) {
            server.publish(Channels.TASKS, codec.encode(GatewayFrame.of("task_update", Channels.TASKS,
                    (ObjectNode) codec.mapper().readTree("{\"task\":\"t" + i + "\",\"state\":\"running\"}"),
                    Instant.now(), "burst")));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> fx(() -> h.vm.status().receivedProperty().get()) == n
                && fx(() -> h.vm.feed().rows().getFirst().summary()).equals("t" + (n - 1) + ": running"));
        assertThat(fx(() -> h.vm.feed().rows().size())).isEqualTo(GatewayFeed.LIMIT);
        assertThat(fx(() -> h.vm.feed().rows().getLast().summary())).isEqualTo("t200: running");
        // Delivered in batches, not one UI update per message.
        assertThat(h.batchSizes.size()).isLessThan(n);
    }

    private void connectAfterServer() {
        harness(s -> s);
        h.fx.run(() -> {
            h.vm.urlProperty().set(url());
            h.vm.connect();
        });
        await().atMost(WAIT).until(() -> fx(() -> toggle(Channels.TASKS).ackProperty().get()).equals("acknowledged"));
    }

    @Test
    void serverGoneShowsTheReconnectCountdownAndTheStatusBarFollows() throws Exception {
        connectAndWaitForAcks();
        server.close();
        // The client alternates between counting down and retrying ("reconnecting now") while the server is gone;
        // wait for a countdown, then read the line, the status bar and the flag in one FX turn so they agree.
        await().atMost(WAIT).until(() -> fx(() -> h.vm.status().statusKindProperty().get()
                == GatewayStatusModel.StatusKind.RECONNECTING
                && h.vm.status().statusLineProperty().get().startsWith("reconnecting in ")));
        List<Object> shown = fx(() -> List.of(h.vm.status().statusLineProperty().get(),
                h.vm.status().statusBarProperty().get(), h.vm.status().countdownProperty().get()));
        assertThat((String) shown.get(0)).matches("reconnecting in \\d+ s.*");
        assertThat((String) shown.get(1)).matches("Gateway: reconnecting in \\d+ s");
        assertThat(shown.get(2)).isEqualTo(true);
        assertThat(fx(() -> toggle(Channels.THREATS).ackProperty().get())).isEqualTo("subscribes on connect");

        h.fx.run(h.vm::disconnect);
        await().atMost(WAIT).until(() -> fx(() -> h.vm.status().statusLineProperty().get()).equals("offline: press Connect"));
        assertThat(fx(() -> h.vm.status().statusBarProperty().get())).isEqualTo("Gateway: offline");
        assertThat(fx(() -> h.vm.activeProperty().get())).isFalse();
        assertThat(h.settings.get().gateway().autoConnect()).isFalse();
    }

    @Test
    void theTokenIsSavedOwnerOnlyNeverShownAndAChangeAppliesOnTheNextConnect() throws Exception {
        server = startServer(GatewayServerConfig.defaults(0).withToken("s3cret-token"));
        harness(s -> s);
        // No token file yet: nothing to remove.
        assertThat(fx(() -> h.vm.tokenSavedProperty().get())).isFalse();
        h.fx.run(() -> {
            h.vm.urlProperty().set(url());
            h.vm.tokenInputProperty().set("wrong-token");
            h.vm.connect();
        });
        // Refused (401): the client counts down to its next attempt.
        await().atMost(WAIT).until(() -> fx(() -> h.vm.status().statusKindProperty().get())
                == GatewayStatusModel.StatusKind.RECONNECTING);
        assertThat(fx(() -> h.vm.tokenStateProperty().get())).isEqualTo("token set");
        assertThat(fx(() -> h.vm.tokenSavedProperty().get())).isTrue();
        assertThat(fx(() -> h.vm.tokenInputProperty().get())).isEmpty();
        Path file = dir.resolve("gateway-token");
        assertThat(Files.readString(file)).isEqualTo("wrong-token");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dir.resolve("settings.json"))).doesNotContain("token");
        assertThat(fx(() -> h.vm.status().statusLineProperty().get())).doesNotContain("wrong-token");

        // Saving the right token needs no restart: the next attempt reads it.
        h.fx.run(() -> {
            h.vm.tokenInputProperty().set("s3cret-token");
            h.vm.saveToken();
        });
        await().atMost(WAIT).until(() -> Files.readString(file).equals("s3cret-token"));
        h.fx.run(h.vm::reconnectNow);
        await().atMost(WAIT).until(() -> fx(() -> h.vm.status().statusKindProperty().get()) == GatewayStatusModel.StatusKind.CONNECTED);

        h.fx.run(h.vm::clearToken);
        await().atMost(WAIT).until(() -> fx(() -> h.vm.tokenStateProperty().get()).equals("no token"));
        assertThat(fx(() -> h.vm.tokenSavedProperty().get())).isFalse();
        assertThat(file).doesNotExist();
    }

    @Test
    void autoConnectAtStartUsesTheSavedSettings() throws Exception {
        server = startServer(GatewayServerConfig.defaults(0));
        harness(s -> s.withGateway(GatewaySettings.DEFAULTS.withUrl(url()).withAutoConnect(true)
                .withChannels(List.of(Channels.SYSTEM))));
        assertThat(fx(() -> h.vm.status().statusLineProperty().get())).isEqualTo("offline: press Connect");
        h.fx.run(h.vm::start);
        await().atMost(WAIT).until(() -> fx(() -> toggle(Channels.SYSTEM).ackProperty().get()).equals("acknowledged"));
        assertThat(fx(() -> toggle(Channels.THREATS).wantedProperty().get())).isFalse();
    }

    @Test
    void forwardingOptionsAreCheckedAndSaved() {
        harness(s -> s);
        h.fx.run(() -> {
            h.vm.forwarding().targetProperty().set("ftp://nope");
            h.vm.forwarding().apply();
        });
        assertThat(fx(() -> h.vm.forwarding().messageProperty().get())).startsWith("forward target must be");
        assertThat(h.settings.get().gateway().forwardTarget()).isEqualTo("none");
        h.fx.run(() -> {
            h.vm.forwarding().targetProperty().set("redis://:pw@127.0.0.1:6399");
            h.vm.forwarding().containerHealthProperty().set(true);
            h.vm.forwarding().scanFindingsProperty().set(false);
            h.vm.forwarding().apply();
        });
        assertThat(h.settings.get().gateway().forwardTarget()).isEqualTo("redis://:pw@127.0.0.1:6399");
        assertThat(h.settings.get().gateway().forwardScanFindings()).isFalse();
        // The message never shows a password in the URI.
        assertThat(fx(() -> h.vm.forwarding().messageProperty().get()))
                .isEqualTo("Forwarding container alerts to redis://127.0.0.1:6399.");
    }
}
