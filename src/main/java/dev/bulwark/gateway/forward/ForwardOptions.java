package dev.bulwark.gateway.forward;

import java.util.Locale;

/**
 * What the forwarder sends and where, read again for every event so a change in Settings applies at once.
 *
 * @param target          {@code none}, {@code gateway} (the connected gateway client), an {@code http(s)://} gateway
 *                        ({@code POST /publish}) or a {@code redis://} URI
 * @param containerHealth forward container alerts
 * @param scanFindings    forward scan findings at or above the fail threshold
 */
public record ForwardOptions(String target, boolean containerHealth, boolean scanFindings) {
    /** Forward nothing. */
    public static final ForwardOptions NONE = new ForwardOptions("none", false, false);

    public ForwardOptions {
        target = target == null || target.isBlank() ? "none" : target.strip();
    }

    /** True when the target is the connected gateway client. */
    public boolean viaClient() {
        return target.toLowerCase(Locale.ROOT).equals("gateway");
    }

    /** True when nothing is forwarded. */
    public boolean off() {
        return target.toLowerCase(Locale.ROOT).equals("none") || !(containerHealth || scanFindings);
    }
}
