package dev.bulwark.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.client.GatewayClient;
import dev.bulwark.gateway.client.GatewayClientConfig;
import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.client.GatewayConnector;
import dev.bulwark.gateway.client.GatewayStatus;
import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.util.reconnect.ConnectionState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forwarded events reach a subscribed client of a real {@link GatewayServer} on 127.0.0.1: through the application's
 * own connected client (queued while it is away) and through an explicit {@code http://} target.
 */
class EventForwarderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Alert ALERT = new Alert(Instant.parse("2026-11-25T09:14:02Z"), Alert.Kind.UNHEALTHY, "local",
            "abc", "web-1", "web-1 is unhealthy");

    private GatewayServer server;
    private GatewayClients.Owned subscriber;
    private final List<GatewayFrame> seen = new CopyOnWriteArrayList<>();
    private final GatewayConnector connector = new GatewayConnector((config, listener) ->
            GatewayClients.open(config, null, Clock.systemUTC(), listener));
    private final AtomicReference<ForwardOptions> options = new AtomicReference<>(ForwardOptions.NONE);
    private EventForwarder forwarder;

    @BeforeEach
    void start() throws Exception {
        server = new GatewayServer(GatewayServerConfig.defaults(0), Clock.systemUTC(), TimeSource.system());
        server.start();
        subscriber = openSubscriber(() -> null);
        forwarder = new EventForwarder(options::get, connector, TargetPublishers.real(() -> null, () -> null),
                () -> "bulwark-forwarder", () -> FailOn.HIGH, Clock.systemUTC());
    }

    private GatewayClients.Owned openSubscriber(java.util.function.Supplier<String> token) throws Exception {
        GatewayClients.Owned s = GatewayClients.open(GatewayClientConfig.of(url(), "operator-console").withToken(token),
                null, Clock.systemUTC(), new GatewayClient.Listener() {
                    @Override
                    public void onMessage(GatewayClient.InboundMessage message) {
                        seen.add(message.frame());
                    }

                    @Override
                    public void onStatus(GatewayStatus status) {
                    }
                });
        s.client().subscribe(Channels.CONTAINERS);
        s.client().subscribe(Channels.THREATS);
        s.client().start();
        await().atMost(WAIT).until(() -> server.subscribers(Channels.CONTAINERS) == 1
                && server.subscribers(Channels.THREATS) == 1);
        return s;
    }

    @AfterEach
    void stop() {
        forwarder.close();
        connector.close();
        subscriber.close();
        server.close();
    }

    private URI url() {
        return URI.create("ws://127.0.0.1:" + server.port());
    }

    @Test
    void aContainerAlertArrivesThroughTheConnectedGatewayClient() throws Exception {
        options.set(new ForwardOptions("gateway", true, true));
        connector.connect(GatewayClientConfig.of(url(), "bulwark-app"), List.of());
        await().atMost(WAIT).until(() -> connector.client().map(c -> c.status().connection().kind())
                .orElse(null) == ConnectionState.Kind.CONNECTED);
        forwarder.onAlert(ALERT);
        await().atMost(WAIT).until(() -> !seen.isEmpty());
        GatewayFrame f = seen.getFirst();
        assertThat(f.type()).isEqualTo("container_status");
        assertThat(f.channel()).isEqualTo(Channels.CONTAINERS);
        assertThat(f.clientId()).isEqualTo("bulwark-app");
        assertThat(f.dataText("container")).isEqualTo("web-1");
        assertThat(f.dataText("kind")).isEqualTo("unhealthy");
        assertThat(f.dataText("engine")).isEqualTo("local");
        assertThat(forwarder.stats().sent()).isEqualTo(1);
    }

    @Test
    void whileTheClientIsAwayEventsWaitInItsQueueAndArriveOnceItConnectsWithTheNewToken() throws Exception {
        options.set(new ForwardOptions("gateway", true, true));
        int port = server.port();
        server.close();
        subscriber.close();
        seen.clear();
        AtomicReference<String> token = new AtomicReference<>();
        // No polling fallback here: it would read without the token, and this test is about the WebSocket reconnect.
        connector.connect(GatewayClientConfig.of(url(), "bulwark-app").withToken(token::get)
                .withPollAfterFailures(1_000), List.of());
        forwarder.onScan(EventMappingTest.report(List.of(
                EventMappingTest.finding("axios", "0.21.0", "CVE-2020-28168", Severity.CRITICAL, "SSRF"))));
        await().atMost(WAIT).until(() -> connector.client().orElseThrow().status().counters().queued() == 1);

        // The gateway is back, now asking for a token: the client is refused and keeps the message queued.
        server = new GatewayServer(GatewayServerConfig.defaults(port).withToken("s3cret"), Clock.systemUTC(),
                TimeSource.system());
        server.start();
        Instant restarted = Instant.now();
        subscriber = openSubscriber(() -> "s3cret");
        connector.reconnectNow();
        await().atMost(WAIT).until(() -> connector.client().orElseThrow().status().connection().kind()
                == ConnectionState.Kind.RECONNECTING && connector.client().orElseThrow().status().connection().since()
                .isAfter(restarted) && connector.client().orElseThrow().status().connection().reason().contains("401"));
        assertThat(connector.client().orElseThrow().status().counters().queued()).isEqualTo(1);
        assertThat(seen).isEmpty();

        // The token is read at every connect: the next attempt gets in and flushes the queue.
        token.set("s3cret");
        connector.reconnectNow();
        await().atMost(WAIT).until(() -> seen.stream().anyMatch(f -> f.type().equals("threat_alert")));
        GatewayFrame f = seen.stream().filter(x -> x.type().equals("threat_alert")).findFirst().orElseThrow();
        assertThat(f.dataText("id")).isEqualTo("CVE-2020-28168");
        assertThat(f.dataText("source")).isEqualTo("bulwark-scan");
        assertThat(f.clientId()).isEqualTo("bulwark-app");
        await().atMost(WAIT).until(() -> connector.client().orElseThrow().status().counters().queued() == 0);
    }

    @Test
    void anExplicitHttpTargetIsPublishedToDirectlyAndOptionsApplyAtOnce() {
        options.set(new ForwardOptions("http://127.0.0.1:" + server.port(), false, true));
        forwarder.onAlert(ALERT); // container health is off
        forwarder.onScan(EventMappingTest.report(List.of(
                EventMappingTest.finding("lodash", "4.17.20", "CVE-2021-23337", Severity.HIGH, "Command injection"),
                EventMappingTest.finding("left-pad", "1.0.0", "GHSA-low", Severity.LOW, "minor"))));
        await().atMost(WAIT).until(() -> seen.size() == 1);
        assertThat(seen.getFirst().dataText("package")).isEqualTo("lodash");
        assertThat(seen.getFirst().clientId()).isEqualTo("bulwark-forwarder");

        options.set(new ForwardOptions("http://127.0.0.1:" + server.port(), true, true));
        forwarder.onAlert(ALERT);
        await().atMost(WAIT).until(() -> seen.size() == 2);
        assertThat(seen.get(1).type()).isEqualTo("container_status");

        options.set(ForwardOptions.NONE);
        forwarder.onAlert(ALERT);
        forwarder.close(); // sends what was accepted
        assertThat(forwarder.stats().sent()).isEqualTo(2);
        assertThat(forwarder.stats().failed()).isZero();
    }

    @Test
    void eventsBeforeAnyClientExistsWaitAndGoToTheFirstClient() throws Exception {
        options.set(new ForwardOptions("gateway", true, false));
        forwarder.onAlert(ALERT); // at start, before the saved connection is made
        await().atMost(WAIT).until(() -> forwarder.stats().pending() == 1);
        assertThat(forwarder.stats().failed()).isZero();
        connector.connect(GatewayClientConfig.of(url(), "bulwark-app"), List.of());
        await().atMost(WAIT).until(() -> seen.stream().anyMatch(f -> f.type().equals("container_status")));
        assertThat(forwarder.stats().pending()).isZero();
        assertThat(forwarder.stats().sent()).isEqualTo(1);
    }
}
