package dev.bulwark.util.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The delays between reconnect attempts: exponential caps, full jitter under the cap, validation. */
class BackoffTest {

    @Test
    void gatewayCapsDoubleFromHalfASecondToThirtySeconds() {
        Backoff b = Backoff.gatewayDefaults();
        List<Duration> caps = IntStream.rangeClosed(1, 9).mapToObj(b::cap).toList();
        assertThat(caps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(b.cap(10_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.resetAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void engineCapsReachThreeSecondsSoAReturningDaemonIsSeenQuickly() {
        Backoff b = Backoff.engineDefaults();
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(b::cap).toList()).containsExactly(Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void fullJitterDrawsUniformlyBetweenZeroAndTheCap() {
        Backoff b = Backoff.gatewayDefaults();
        assertThat(b.delay(4, () -> 0.0)).isZero();
        assertThat(b.delay(4, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(7, () -> 0.25)).isEqualTo(Duration.ofMillis(7500));
        Random random = new Random(42);
        for (int failures = 1; failures <= 12; failures++) {
            Duration cap = b.cap(failures);
            for (int i = 0; i < 500; i++) {
                assertThat(b.delay(failures, random::nextDouble)).isBetween(Duration.ZERO, cap);
            }
        }
    }

    @Test
    void withoutJitterTheDelayIsTheCapAndTheRandomSourceIsNotUsed() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(n -> b.delay(n, () -> {
            throw new AssertionError("no jitter, no draw");
        })).toList()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void refusesBackoffsThatCannotWork() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, false, Duration.ZERO))
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, false, Duration.ofSeconds(-1)))
                .hasMessageContaining("resetAfter");
    }
}
