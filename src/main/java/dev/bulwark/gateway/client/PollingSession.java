package dev.bulwark.gateway.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback when WebSocket upgrades keep failing while {@code /health} answers (a proxy that strips the
 * upgrade, for example): liveness from {@code /health}, messages from {@code GET /events} where the server offers
 * it, and a WebSocket attempt every heartbeat interval (at least every 15 s); the first that succeeds ends polling
 * and the client reconnects over WebSocket at once.
 */
final class PollingSession {
    private static final Logger LOG = LoggerFactory.getLogger(PollingSession.class);
    private static final int WAIT_SECONDS = 5;

    private final GatewayClient client;

    PollingSession(GatewayClient client) {
        this.client = client;
    }

    void run(Runnable connected) throws Exception {
        GatewayHttp.Health health = client.http().health(client.cfg().connectTimeout());
        LOG.warn("gateway {}: WebSocket upgrades fail while /health answers; polling{}", client.cfg().describe(),
                health.events() ? " /events" : " (health only: this server offers no /events, so no messages)");
        client.connectionUp(health.events(), GatewayStatus.Mode.POLLING, connected);
        Duration upgradeEvery = client.cfg().heartbeat().compareTo(Duration.ofSeconds(15)) < 0
                ? client.cfg().heartbeat() : Duration.ofSeconds(15);
        Instant lastUpgradeTry = client.clock().instant();
        boolean first = true;
        try {
            while (!client.isClosed()) {
                client.subscriptions().newConnection();
                List<String> channels = client.subscriptions().wanted();
                channels.forEach(c -> client.subscriptions().subscribed(c));
                long t0 = System.nanoTime();
                if (health.events() && !channels.isEmpty()) {
                    RecoveryTracker tracker = client.tracker();
                    GatewayHttp.Events ev = client.http().events(channels, tracker.afterList(channels), first ? 0 : WAIT_SECONDS);
                    ev.gaps().forEach((c, why) -> tracker.pollingGap(c, why, client.clock().instant()));
                    if (first) {
                        // What the first answer after a reconnection holds was missed meanwhile: a replay.
                        ev.positions().forEach(tracker::replayedUpTo);
                        first = false;
                    }
                    for (String frame : ev.frames()) {
                        client.handleText(frame);
                    }
                    ev.positions().forEach(tracker::positionIfAbsent);
                } else {
                    health = client.http().health(client.cfg().connectTimeout());
                    client.setRtt(Duration.ofNanos(System.nanoTime() - t0).toMillis());
                    Thread.sleep(Math.min(client.cfg().heartbeat().toMillis(), WAIT_SECONDS * 1000L));
                }
                client.publishStatus(false);
                Instant now = client.clock().instant();
                if (Duration.between(lastUpgradeTry, now).compareTo(upgradeEvery) >= 0) {
                    lastUpgradeTry = now;
                    if (upgradeWorks()) {
                        LOG.info("gateway {}: WebSocket upgrades work again; leaving polling", client.cfg().describe());
                        client.requestReconnect();
                        return;
                    }
                }
            }
        } finally {
            client.connectionDown();
        }
    }

    private boolean upgradeWorks() throws InterruptedException {
        try {
            GatewayTransport.Connection probe = client.transport().connect(client.cfg().webSocketUri(),
                    client.connectHeaders(), client.cfg().connectTimeout(), new GatewayTransport.Listener() {
                        @Override
                        public void onText(String text) {
                            // the probe only proves the upgrade; the next connection subscribes
                        }

                        @Override
                        public void onBinary(int bytes) {
                            // as above
                        }

                        @Override
                        public void onPong() {
                            // as above
                        }

                        @Override
                        public void onClosed(int code, String reason, boolean remote) {
                            // as above
                        }
                    });
            probe.close();
            return true;
        } catch (IOException e) {
            LOG.debug("gateway {}: still no WebSocket: {}", client.cfg().describe(), e.getMessage());
            return false;
        }
    }

}
