package dev.bulwark.ui.gateway;

import dev.bulwark.gateway.FrameSummary;
import dev.bulwark.gateway.GatewayFrame;
import java.time.Instant;
import java.util.Locale;

/**
 * A {@code threat_alert} received from the gateway, for the Overview and the desktop notification.
 *
 * @param at       when it arrived
 * @param severity the alert's severity in lower case ({@code critical}, {@code high}, ...), or {@code unknown}
 * @param title    what it is about, for a notification's title
 * @param summary  one line without the severity
 */
public record ThreatAlert(Instant at, String severity, String title, String summary) {

    /** The alert carried by {@code row} (a {@code threat_alert} message). */
    public static ThreatAlert of(FeedRow row) {
        GatewayFrame f = row.frame();
        String sev = f.dataText("severity");
        sev = sev == null || sev.isBlank() ? "unknown" : sev.strip().toLowerCase(Locale.ROOT);
        var rest = f.data() == null ? null : f.data().deepCopy();
        if (rest != null) {
            rest.remove("severity");
        }
        String title = first(f, "title", "name", "package", "source");
        return new ThreatAlert(row.receivedAt(), sev, title == null ? "Threat alert" : title, FrameSummary.of(rest));
    }

    private static String first(GatewayFrame f, String... keys) {
        for (String k : keys) {
            String v = f.dataText(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
