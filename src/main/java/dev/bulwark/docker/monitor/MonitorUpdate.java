package dev.bulwark.docker.monitor;

import dev.bulwark.docker.alert.Alert;
import java.util.List;

/**
 * What the monitor publishes every tick.
 *
 * @param snapshot  the current state of every engine and container
 * @param newAlerts alerts raised since the previous update
 */
public record MonitorUpdate(Snapshot snapshot, List<Alert> newAlerts) {

    public MonitorUpdate {
        newAlerts = List.copyOf(newAlerts);
    }
}
