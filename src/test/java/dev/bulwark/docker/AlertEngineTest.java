package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.alert.AlertEngine;
import dev.bulwark.docker.alert.AlertThresholds;
import dev.bulwark.docker.engine.EngineEvent;
import dev.bulwark.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEngineTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T00:00:00Z"));
    private final AlertEngine alerts = new AlertEngine(clock,
            new AlertThresholds(3, Duration.ofMinutes(2), Duration.ofSeconds(30)));

    private List<Alert> feed(String action, Map<String, String> attrs) {
        return alerts.onEvent("e1", "web", new EngineEvent("c1", action, clock.instant(), attrs));
    }

    private List<Alert> feed(String action) {
        return feed(action, Map.of());
    }

    @Test
    void unhealthyAlertsOnTransitionOnly() {
        assertThat(feed("health_status: healthy")).isEmpty();
        assertThat(feed("health_status: unhealthy")).extracting(Alert::kind).containsExactly(Alert.Kind.UNHEALTHY);
        assertThat(feed("health_status: unhealthy")).isEmpty();
        assertThat(feed("health_status: healthy")).isEmpty();
        assertThat(feed("health_status: unhealthy")).hasSize(1);
    }

    @Test
    void containerAlreadyUnhealthyWhenMonitoringStartsIsAlertedOnceAcrossReconnects() {
        assertThat(alerts.onObservedHealth("e1", "c1", "web", true)).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(Alert.Kind.UNHEALTHY));
        assertThat(alerts.onObservedHealth("e1", "c1", "web", true)).as("reconnect, still unhealthy").isEmpty();
        assertThat(feed("health_status: unhealthy")).as("event for a known state").isEmpty();
        assertThat(alerts.onObservedHealth("e1", "c1", "web", false)).isEmpty();
        assertThat(alerts.onObservedHealth("e1", "c1", "web", true)).hasSize(1);
        assertThat(alerts.onObservedHealth("e1", "c2", "db", false)).isEmpty();
    }

    @Test
    void requestedStopIsNotADeathButACrashIs() {
        feed("kill", Map.of("signal", "15"));
        assertThat(feed("die", Map.of("exitCode", "143"))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        List<Alert> crash = feed("die", Map.of("exitCode", "2"));
        assertThat(crash).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.DIED);
            assertThat(a.message()).contains("exit code 2");
            assertThat(a.at()).isEqualTo(clock.instant());
        });
        assertThat(feed("die", Map.of("exitCode", "0"))).as("clean exit is not a crash").isEmpty();
        feed("oom");
        clock.advance(Duration.ofMinutes(3));
        assertThat(feed("die", Map.of("exitCode", "137"))).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("OOM"));
    }

    @Test
    void restartLoopNeedsMoreThanNRestartsInsideTheWindow() {
        feed("start");
        List<Alert> raised = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(50));
            feed("die", Map.of("exitCode", "0"));
            raised.addAll(feed("start"));
        }
        assertThat(raised).as("3 restarts are not more than 3").isEmpty();
        clock.advance(Duration.ofSeconds(50)); // the first restart (t=50s) is now outside the 2 min window
        feed("die", Map.of("exitCode", "0"));
        assertThat(feed("start")).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        feed("die", Map.of("exitCode", "0"));
        assertThat(feed("start")).extracting(Alert::kind).containsExactly(Alert.Kind.RESTART_LOOP);
        clock.advance(Duration.ofSeconds(5));
        feed("die", Map.of("exitCode", "0"));
        assertThat(feed("start")).as("one loop alert per window").isEmpty();
    }

    @Test
    void userRestartsDoNotCountAndDestroyForgets() {
        for (int i = 0; i < 6; i++) {
            feed("kill");
            feed("die", Map.of("exitCode", "137"));
            feed("stop");
            assertThat(feed("start")).isEmpty();
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(alerts.tracked()).isEqualTo(1);
        feed("destroy");
        assertThat(alerts.tracked()).isZero();
    }
}
