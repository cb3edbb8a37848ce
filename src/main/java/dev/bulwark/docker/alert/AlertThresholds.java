package dev.bulwark.docker.alert;

import java.time.Duration;

/**
 * Settings for the alert engine.
 *
 * @param restartLoopCount  alert when restarts within the window exceed this
 * @param restartLoopWindow the window
 * @param userStopGrace     a die this soon after a kill/stop request is expected, not an alert
 */
public record AlertThresholds(int restartLoopCount, Duration restartLoopWindow, Duration userStopGrace) {

    public AlertThresholds {
        if (restartLoopCount < 1) {
            throw new IllegalArgumentException("restartLoopCount must be at least 1, was " + restartLoopCount);
        }
        if (restartLoopWindow.isNegative() || restartLoopWindow.isZero()) {
            throw new IllegalArgumentException("restartLoopWindow must be positive");
        }
    }

    /** More than 3 restarts in 5 minutes; a stop request covers the next 30 s. */
    public static AlertThresholds defaults() {
        return new AlertThresholds(3, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }
}
