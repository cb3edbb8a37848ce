package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.client.GatewayStatus.Subscription.Ack;
import dev.bulwark.gateway.client.SubscriptionTable;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriptionTableTest {
    private static final Duration ACK = Duration.ofSeconds(5);
    private final SubscriptionTable t = new SubscriptionTable();
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eachWantedChannelIsSentOnceThenRetriedOnlyWhenItsAckIsLate() {
        t.subscribe(Channels.THREATS);
        t.subscribe(Channels.TASKS);
        t.subscribe(Channels.THREATS); // no duplicate
        assertThat(t.due(t0, ACK)).extracting(SubscriptionTable.Action::channel).containsExactly(Channels.THREATS, Channels.TASKS);
        assertThat(t.due(t0.plusSeconds(4), ACK)).isEmpty();
        t.subscribed(Channels.TASKS);
        var late = t.due(t0.plusSeconds(5), ACK);
        assertThat(late).singleElement().satisfies(a -> {
            assertThat(a.channel()).isEqualTo(Channels.THREATS);
            assertThat(a.retry()).isTrue();
        });
        assertThat(t.snapshot()).extracting(s -> s.ack()).containsExactly(Ack.MISSING, Ack.ACKED);
        assertThat(t.snapshot().get(0).attempts()).isEqualTo(2);
        t.subscribed(Channels.THREATS);
        assertThat(t.due(t0.plusSeconds(60), ACK)).isEmpty();
    }

    @Test
    void aNewConnectionResendsEveryWantedChannelExactlyOnce() {
        t.subscribe(Channels.THREATS);
        t.subscribe(Channels.CONTAINERS);
        t.due(t0, ACK);
        t.subscribed(Channels.THREATS);
        t.subscribed(Channels.CONTAINERS);
        t.newConnection();
        assertThat(t.snapshot()).extracting(s -> s.ack()).containsOnly(Ack.NOT_SENT);
        assertThat(t.due(t0.plusSeconds(1), ACK)).extracting(SubscriptionTable.Action::type).containsExactly("subscribe", "subscribe");
        assertThat(t.due(t0.plusSeconds(2), ACK)).isEmpty();
    }

    @Test
    void unsubscribingSendsOneUnsubscribeAndForgetsTheChannelOnItsAck() {
        t.subscribe(Channels.THREATS);
        t.due(t0, ACK);
        t.subscribed(Channels.THREATS);
        t.unsubscribe(Channels.THREATS);
        assertThat(t.wanted()).isEmpty();
        assertThat(t.due(t0.plusSeconds(1), ACK)).singleElement().extracting(SubscriptionTable.Action::type).isEqualTo("unsubscribe");
        t.unsubscribed(Channels.THREATS);
        assertThat(t.due(t0.plusSeconds(30), ACK)).isEmpty();
        // Never sent: nothing to undo on the server.
        t.subscribe(Channels.AI);
        t.unsubscribe(Channels.AI);
        assertThat(t.due(t0.plusSeconds(31), ACK)).isEmpty();
    }
}
