package dev.bulwark.docker.monitor;

import dev.bulwark.docker.alert.AlertThresholds;
import java.time.Duration;

/**
 * Monitor settings.
 *
 * @param tick          publish interval (the engine samples stats once a second)
 * @param historyWindow how much history to keep
 * @param backoff       reconnect policy
 * @param watchdog      ping interval while connected, to notice dead tcp connections
 * @param alerts        alert thresholds
 * @param maxAlerts     alerts kept in the list
 */
public record MonitorConfig(Duration tick, Duration historyWindow, Backoff backoff, Duration watchdog,
                            AlertThresholds alerts, int maxAlerts) {

    public static MonitorConfig defaults() {
        return new MonitorConfig(Duration.ofSeconds(1), Duration.ofMinutes(15), Backoff.defaults(),
                Duration.ofSeconds(5), AlertThresholds.defaults(), 500);
    }
}
