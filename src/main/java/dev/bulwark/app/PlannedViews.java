package dev.bulwark.app;

import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.ViewId;
import dev.bulwark.ui.placeholder.PlannedView;
import java.util.List;

/** What each not-yet-built view will hold, said plainly; replaced one by one as features land. */
final class PlannedViews {
    private PlannedViews() {
    }

    static FeatureView overview() {
        return new PlannedView(ViewId.OVERVIEW,
                "One glance at every local service Bulwark runs.",
                List.of("Container engines and their health: running, unhealthy and stopped containers",
                        "The latest vulnerability scan: findings by severity and the age of the advisory database",
                        "Rate-limiter lab runs and gateway connection state",
                        "Recent alerts, newest first"));
    }

    static FeatureView gateway() {
        return new PlannedView(ViewId.GATEWAY,
                "A client for the MAXIMUS real-time gateway.",
                List.of("Channels, heartbeat, reconnect with backoff and an offline queue",
                        "Polling fallback when WebSockets are unavailable",
                        "A reference gateway server that fans out through Redis"));
    }
}
