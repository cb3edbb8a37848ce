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

    static FeatureView containers() {
        return new PlannedView(ViewId.CONTAINERS,
                "Live metrics for local Docker engines, computed exactly as `docker stats` does.",
                List.of("A table of containers with CPU (may exceed 100 % on several cores), memory, network, block I/O and PIDs",
                        "Health checks, restart counts, uptime, exit codes and OOM kills",
                        "Logs with follow and search, and start/stop/restart/pause/remove actions",
                        "A cluster view across several engines with 15 minutes of history"));
    }

    static FeatureView vulnerabilities() {
        return new PlannedView(ViewId.VULNERABILITIES,
                "Offline scanning of lockfiles and manifests against OSV advisories.",
                List.of("Choose or drop a project folder; findings de-duplicated across advisory databases",
                        "Real CVSS severities, the smallest fixing upgrade per package",
                        "Ignore rules with reasons and expiry dates",
                        "Exports to JSON, SARIF, HTML, CycloneDX, CSV and Markdown; the last 20 scans"));
    }

    static FeatureView rateLimiter() {
        return new PlannedView(ViewId.RATE_LIMITER,
                "A lab to choose and tune rate limits before they protect an API.",
                List.of("Token bucket, sliding windows, fixed window, GCRA and leaky bucket, in memory or on Redis",
                        "A traffic simulator with scenarios, live charts of allowed vs rejected requests",
                        "Side-by-side comparison of strategies with fairness and latency figures"));
    }

    static FeatureView gateway() {
        return new PlannedView(ViewId.GATEWAY,
                "A client for the MAXIMUS real-time gateway.",
                List.of("Channels, heartbeat, reconnect with backoff and an offline queue",
                        "Polling fallback when WebSockets are unavailable",
                        "A reference gateway server that fans out through Redis"));
    }
}
