package dev.bulwark.docker.monitor;

import dev.bulwark.docker.alert.AlertThresholds;
import dev.bulwark.util.reconnect.Backoff;
import java.time.Duration;

/**
 * Monitor settings.
 *
 * @param tick          publish interval (the engine samples stats once a second)
 * @param historyWindow how much history to keep
 * @param backoff       delays between reconnect attempts
 * @param watchdog      ping interval while connected, to notice dead tcp connections
 * @param alerts        alert thresholds
 * @param maxAlerts     alerts kept in the list
 */
public record MonitorConfig(Duration tick, Duration historyWindow, Backoff backoff, Duration watchdog,
                            AlertThresholds alerts, int maxAlerts) {

    /** Once a second, 15 minutes of history, the engines' backoff, a ping every 5 s. */
    public static MonitorConfig defaults() {
        return new MonitorConfig(Duration.ofSeconds(1), Duration.ofMinutes(15), Backoff.engineDefaults(),
                Duration.ofSeconds(5), AlertThresholds.defaults(), 500);
    }
}
