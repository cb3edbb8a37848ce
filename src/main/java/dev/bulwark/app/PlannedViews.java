package dev.bulwark.app;

import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.ViewId;
import dev.bulwark.ui.placeholder.PlannedView;
import java.util.List;

/** What each not-yet-built view will hold, said plainly; replaced one by one as features land. */
final class PlannedViews {
    private PlannedViews() {
    }

    static FeatureView gateway() {
        return new PlannedView(ViewId.GATEWAY,
                "A client for the MAXIMUS real-time gateway.",
                List.of("Channels, heartbeat, reconnect with backoff and an offline queue",
                        "Polling fallback when WebSockets are unavailable",
                        "A reference gateway server that fans out through Redis"));
    }
}
