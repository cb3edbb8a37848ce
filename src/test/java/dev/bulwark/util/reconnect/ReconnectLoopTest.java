package dev.bulwark.util.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.testsupport.ManualClock;
import dev.bulwark.util.reconnect.ConnectionState.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconnect loop driven by a scripted session: each attempt takes the next step of the script, and once the
 * script is used up the attempt stays under way until the test ends it. The recording waiter moves a manual clock
 * by each delay instead of sleeping, so delays and states are exact.
 */
class ReconnectLoopTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock(T0);
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ReconnectLoop.Waiter recording = (delay, woken) -> {
        waits.add(delay);
        clock.advance(delay);
    };
    private final Queue<ReconnectLoop.Session> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private ReconnectLoop loop;

    @AfterEach
    void closeLoop() {
        if (loop != null) {
            loop.close(release::countDown);
        }
    }

    private ReconnectLoop start(Backoff backoff, DoubleSupplier random, ReconnectLoop.Waiter waiter) {
        loop = new ReconnectLoop("test server", backoff, clock, random, states::add, connected -> {
            attempts.incrementAndGet();
            ReconnectLoop.Session step = script.poll();
            if (step == null) {
                release.await();
                return;
            }
            step.run(connected);
        }, waiter);
        loop.start();
        return loop;
    }

    private void awaitAttempts(int n) {
        await().atMost(WAIT).until(() -> attempts.get() == n);
    }

    private static ReconnectLoop.Session fail(String reason) {
        return connected -> {
            throw new IOException("attempt failed", new ConnectException(reason));
        };
    }

    private ReconnectLoop.Session upFor(Duration d) {
        return connected -> {
            connected.run();
            clock.advance(d);
            throw new SocketException("connection reset");
        };
    }

    private List<Kind> kinds() {
        return states.stream().map(ConnectionState::kind).toList();
    }

    @Test
    void delaysFollowTheBackoffAndEachRetryStartsAtItsScheduledTime() {
        for (int i = 0; i < 5; i++) {
            script.add(fail("connection refused"));
        }
        start(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, true, Duration.ofSeconds(60)),
                () -> 0.5, recording);
        awaitAttempts(6);

        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(4));
        List<ConnectionState> reconnecting = states.stream().filter(s -> s.kind() == Kind.RECONNECTING).toList();
        assertThat(reconnecting).hasSize(5);
        for (int i = 0; i < reconnecting.size(); i++) {
            ConnectionState r = reconnecting.get(i);
            assertThat(r.reason()).isEqualTo("connection refused");
            assertThat(r.nextAttemptAt()).isEqualTo(r.since().plus(waits.get(i)));
        }
        // The retry after each wait is CONNECTING at the scheduled time, still carrying the last failure.
        ConnectionState lastRetry = states.getLast();
        assertThat(lastRetry.kind()).isEqualTo(Kind.CONNECTING);
        assertThat(lastRetry.since()).isEqualTo(reconnecting.getLast().nextAttemptAt());
        assertThat(lastRetry.reason()).isEqualTo("connection refused");
        assertThat(lastRetry.firstAttempt()).isFalse();
    }

    @Test
    void listenerSeesConnectingConnectedThenReconnectingWithTheNextAttemptTime() {
        script.add(upFor(Duration.ofSeconds(5)));
        start(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 2.0, true, Duration.ofSeconds(60)),
                () -> 0.75, recording);
        awaitAttempts(2);

        Instant lost = T0.plusSeconds(5);
        assertThat(states.subList(0, 4)).containsExactly(
                ConnectionState.connecting(null, T0),
                ConnectionState.connected(T0),
                ConnectionState.reconnecting("connection reset", lost, lost.plusMillis(1500)),
                ConnectionState.connecting("connection reset", lost.plusMillis(1500)));
        assertThat(states.getFirst().firstAttempt()).isTrue();
        assertThat(loop.state().describe(lost)).isEqualTo("reconnecting now: connection reset");
    }

    @Test
    void failuresAreForgottenOnlyAfterAConnectionLastedResetAfter() {
        script.add(fail("refused"));
        script.add(fail("refused"));
        script.add(upFor(Duration.ofSeconds(59))); // not stable: the count goes on
        script.add(upFor(Duration.ofSeconds(60))); // stable: starts over
        script.add(fail("refused"));
        start(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, false, Duration.ofSeconds(60)),
                () -> 0.5, recording);
        awaitAttempts(6);

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void reconnectNowCutsARealWaitShort() {
        script.add(fail("refused"));
        start(new Backoff(Duration.ofHours(1), Duration.ofHours(1)), () -> 0.5, null);
        await().atMost(WAIT).until(() -> loop.state().kind() == Kind.RECONNECTING);
        assertThat(loop.state().nextAttemptAt()).isEqualTo(loop.state().since().plus(Duration.ofHours(1)));

        loop.reconnectNow();
        awaitAttempts(2);
        assertThat(loop.state().kind()).isEqualTo(Kind.CONNECTING);
    }

    @Test
    void reconnectNowDuringAnAttemptSkipsTheNextWaitOnly() {
        script.add(connected -> {
            loop.reconnectNow();
            throw new IOException("refused");
        });
        script.add(fail("refused"));
        start(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), () -> 0.5, recording);
        awaitAttempts(3);

        // The skipped wait still counts as a failure: the one after it is the second delay.
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void permanentFailureEndsInUnreachableWithoutRetrying() {
        script.add(connected -> {
            throw new ReconnectLoop.PermanentFailure("plain tcp to a remote host is refused");
        });
        start(Backoff.gatewayDefaults(), () -> 0.5, recording);
        await().atMost(WAIT).until(() -> loop.state().kind() == Kind.UNREACHABLE);
        loop.close(); // joins: returns because the loop has ended

        assertThat(attempts).hasValue(1);
        assertThat(waits).isEmpty();
        assertThat(kinds()).containsExactly(Kind.CONNECTING, Kind.UNREACHABLE);
        assertThat(loop.state().describe(clock.instant())).isEqualTo("unreachable: plain tcp to a remote host is refused");
    }

    @Test
    void closeDuringAWaitEndsTheLoopAtOnceAndPublishesStopped() {
        script.add(fail("refused"));
        start(new Backoff(Duration.ofHours(1), Duration.ofHours(1)), () -> 0.5, null);
        await().atMost(WAIT).until(() -> loop.state().kind() == Kind.RECONNECTING);

        assertTimeoutPreemptively(WAIT, () -> loop.close());
        assertThat(attempts).hasValue(1);
        assertThat(kinds()).containsExactly(Kind.CONNECTING, Kind.RECONNECTING, Kind.STOPPED);
        assertThat(loop.state().describe(clock.instant())).isEqualTo("stopped");
    }

    @Test
    void closingTheConnectionThroughCloseIsNotTakenForALostConnection() {
        script.add(connected -> {
            connected.run();
            release.await(); // the owner closing the socket
            throw new SocketException("socket closed");
        });
        start(Backoff.gatewayDefaults(), () -> 0.5, recording);
        await().atMost(WAIT).until(() -> loop.state().kind() == Kind.CONNECTED);

        assertTimeoutPreemptively(WAIT, () -> loop.close(release::countDown));
        assertThat(kinds()).containsExactly(Kind.CONNECTING, Kind.CONNECTED, Kind.STOPPED);
        assertThat(waits).isEmpty();
    }

    @Test
    void aLoopNeverStartedIsStoppedWhenClosed() {
        ReconnectLoop idle = new ReconnectLoop("idle", Backoff.gatewayDefaults(), clock, states::add,
                connected -> attempts.incrementAndGet());
        assertThat(idle.state().firstAttempt()).isTrue();
        idle.close();
        assertThat(idle.state().kind()).isEqualTo(Kind.STOPPED);
        assertThat(attempts).hasValue(0);
    }
}
