package dev.bulwark.gateway.forward;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.docker.alert.Alert;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.Timestamps;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How Bulwark's own events become gateway messages: pure functions, so they are tested without a network. */
public final class EventMapping {
    /** A scan with more findings than this is forwarded as one summary message instead of one per finding. */
    public static final int MAX_FINDING_MESSAGES = 20;
    /** The {@code source} of forwarded scan findings. */
    public static final String SCAN_SOURCE = "bulwark-scan";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EventMapping() {
    }

    /**
     * A container alert (unhealthy, died, restart loop) as {@code container_status} on {@code maximus:containers}:
     * data {@code engine, container, kind, message, time}.
     */
    public static ForwardedEvent containerStatus(Alert a) {
        ObjectNode d = JSON.objectNode();
        d.put("engine", a.engine());
        d.put("container", a.containerName());
        d.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
        d.put("message", a.message());
        d.put("time", Timestamps.format(a.at()));
        return new ForwardedEvent(Channels.CONTAINERS, "container_status", d);
    }

    /**
     * A scan's findings at or above {@code threshold} (ignored and informational ones never) as {@code threat_alert}
     * on {@code maximus:threats}: one per finding with data {@code source, severity, id, package, version, summary},
     * or, above {@value #MAX_FINDING_MESSAGES} findings, one summary message for the scan (so a first scan of a big
     * monorepo does not flood every operator's feed). Empty when nothing trips the threshold.
     */
    public static List<ForwardedEvent> scanFindings(ScanReport report, FailOn threshold) {
        List<Finding> tripping = threshold.tripping(report.findings(), false).stream()
                .sorted(Comparator.comparing((Finding f) -> f.severity().rating()).reversed()
                        .thenComparing(Finding::packageName).thenComparing(Finding::id))
                .toList();
        if (tripping.isEmpty()) {
            return List.of();
        }
        if (tripping.size() > MAX_FINDING_MESSAGES) {
            return List.of(summary(report, threshold, tripping));
        }
        return tripping.stream().map(EventMapping::finding).toList();
    }

    private static ForwardedEvent finding(Finding f) {
        ObjectNode d = JSON.objectNode();
        d.put("source", SCAN_SOURCE);
        d.put("severity", f.severity().rating().label());
        d.put("id", f.id());
        d.put("package", f.packageName());
        d.put("version", f.version());
        d.put("summary", f.summary() == null ? "" : f.summary());
        d.put("ecosystem", f.ecosystem().osvName());
        return new ForwardedEvent(Channels.THREATS, "threat_alert", d);
    }

    private static ForwardedEvent summary(ScanReport report, FailOn threshold, List<Finding> tripping) {
        Severity worst = tripping.getFirst().severity().rating();
        long packages = tripping.stream().map(f -> f.packageName() + "@" + f.version()).distinct().count();
        String ids = tripping.stream().limit(5).map(Finding::id).collect(Collectors.joining(", "));
        String root = report.roots().isEmpty() ? "a scan" : report.roots().getFirst()
                + (report.roots().size() > 1 ? " (+" + (report.roots().size() - 1) + " more)" : "");
        ObjectNode d = JSON.objectNode();
        d.put("source", SCAN_SOURCE);
        d.put("severity", worst.label());
        d.put("id", "scan-summary");
        d.put("package", packages + (packages == 1 ? " package" : " packages"));
        d.put("version", "");
        d.put("title", tripping.size() + " findings at or above " + threshold.name().toLowerCase(Locale.ROOT)
                + " in " + root);
        d.put("summary", ids + (tripping.size() > 5 ? " and " + (tripping.size() - 5) + " more" : ""));
        d.put("count", tripping.size());
        return new ForwardedEvent(Channels.THREATS, "threat_alert", d);
    }
}
