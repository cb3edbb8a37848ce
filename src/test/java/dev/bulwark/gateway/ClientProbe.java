package dev.bulwark.gateway;

import dev.bulwark.gateway.client.GatewayClient;
import dev.bulwark.gateway.client.GatewayStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Records what a gateway client reports, for tests to wait on. */
final class ClientProbe implements GatewayClient.Listener {
    final List<GatewayClient.InboundMessage> messages = new CopyOnWriteArrayList<>();
    final List<GatewayStatus> statuses = new CopyOnWriteArrayList<>();
    volatile GatewayStatus last;

    @Override
    public void onMessage(GatewayClient.InboundMessage m) {
        messages.add(m);
    }

    @Override
    public void onStatus(GatewayStatus s) {
        last = s;
        statuses.add(s);
    }

    GatewayStatus awaitStatus(Duration timeout, Predicate<GatewayStatus> p) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> last != null && p.test(last));
        return last;
    }

    void awaitMessages(Duration timeout, int n) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> messages.size() >= n);
    }

    /** The {@code i} data field of each message, in arrival order. */
    List<Integer> sequence() {
        return messages.stream().map(m -> m.frame().data().path("i").asInt(-1)).toList();
    }

    static boolean acked(GatewayStatus s, String channel) {
        return s.subscriptions().stream().anyMatch(x -> x.channel().equals(channel)
                && x.ack() == GatewayStatus.Subscription.Ack.ACKED);
    }
}
