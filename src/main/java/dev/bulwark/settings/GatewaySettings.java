package dev.bulwark.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The MAXIMUS gateway connection and what Bulwark forwards to it. Missing fields take the defaults, so settings files
 * written before this section load. The bearer token is deliberately not here: it lives in its own owner-only file
 * ({@link GatewayTokenStore}) so that settings.json can be shared or attached to a bug report without leaking it.
 *
 * @param url                    {@code ws[s]://host:port}; empty when the gateway is not configured
 * @param clientId               this installation's client id ({@code bulwark-<8 hex>}), generated once and then kept;
 *                               null until generated
 * @param caFile                 PEM certificates to trust besides the system's, or null
 * @param heartbeatSeconds       application ping interval (15)
 * @param channels               the channels the user wants, in {@code Channels.ALL} order
 * @param autoConnect            connect at start (set by Connect, cleared by Disconnect)
 * @param forwardTarget          where Bulwark's own events go: {@code none}, {@code gateway} (the connected gateway,
 *                               queued while offline), an {@code http(s)://} gateway ({@code POST /publish}) or a
 *                               {@code redis://} URI
 * @param forwardContainerHealth forward container alerts as {@code container_status}
 * @param forwardScanFindings    forward scan findings at or above the fail threshold as {@code threat_alert}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewaySettings(String url, String clientId, String caFile, int heartbeatSeconds, List<String> channels,
                              boolean autoConnect, String forwardTarget, boolean forwardContainerHealth,
                              boolean forwardScanFindings) {

    /** Forward nothing. */
    public static final String FORWARD_NONE = "none";
    /** Forward through the connected gateway client (queued offline, flushed after resubscribe). */
    public static final String FORWARD_GATEWAY = "gateway";
    /** Threats, containers and tasks: the channels an operator console watches first. */
    public static final List<String> DEFAULT_CHANNELS = List.of("maximus:threats", "maximus:containers", "maximus:tasks");

    /** Not configured, no client id yet, heartbeat 15 s, default channels, forwarding off. */
    public static final GatewaySettings DEFAULTS = new GatewaySettings("", null, null, 15, DEFAULT_CHANNELS, false,
            FORWARD_NONE, true, true);

    private static final SecureRandom RANDOM = new SecureRandom();

    public GatewaySettings {
        url = url == null ? "" : url.strip();
        clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
        caFile = caFile == null || caFile.isBlank() ? null : caFile.strip();
        heartbeatSeconds = heartbeatSeconds <= 0 ? 15 : heartbeatSeconds;
        if (channels == null) {
            channels = DEFAULT_CHANNELS;
        } else {
            Set<String> unique = new LinkedHashSet<>();
            channels.stream().filter(Objects::nonNull).map(String::strip).filter(c -> !c.isEmpty()).forEach(unique::add);
            channels = List.copyOf(unique);
        }
        forwardTarget = forwardTarget == null || forwardTarget.isBlank() ? FORWARD_NONE : forwardTarget.strip();
    }

    /** A fresh {@code bulwark-<8 hex>} id. */
    public static String newClientId() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "bulwark-" + HexFormat.of().formatHex(b);
    }

    /** True when a gateway URL is set. */
    public boolean configured() {
        return !url.isEmpty();
    }

    /** True when events are forwarded somewhere. */
    public boolean forwarding() {
        return !forwardTarget.toLowerCase(Locale.ROOT).equals(FORWARD_NONE);
    }

    public GatewaySettings withUrl(String u) {
        return new GatewaySettings(u, clientId, caFile, heartbeatSeconds, channels, autoConnect, forwardTarget,
                forwardContainerHealth, forwardScanFindings);
    }

    public GatewaySettings withClientId(String id) {
        return new GatewaySettings(url, id, caFile, heartbeatSeconds, channels, autoConnect, forwardTarget,
                forwardContainerHealth, forwardScanFindings);
    }

    public GatewaySettings withCaFile(String ca) {
        return new GatewaySettings(url, clientId, ca, heartbeatSeconds, channels, autoConnect, forwardTarget,
                forwardContainerHealth, forwardScanFindings);
    }

    public GatewaySettings withHeartbeatSeconds(int seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("heartbeat must be positive: " + seconds);
        }
        return new GatewaySettings(url, clientId, caFile, seconds, channels, autoConnect, forwardTarget,
                forwardContainerHealth, forwardScanFindings);
    }

    public GatewaySettings withChannels(List<String> c) {
        return new GatewaySettings(url, clientId, caFile, heartbeatSeconds, Objects.requireNonNull(c), autoConnect,
                forwardTarget, forwardContainerHealth, forwardScanFindings);
    }

    public GatewaySettings withAutoConnect(boolean on) {
        return new GatewaySettings(url, clientId, caFile, heartbeatSeconds, channels, on, forwardTarget,
                forwardContainerHealth, forwardScanFindings);
    }

    /**
     * @param target            {@code none}, {@code gateway}, {@code http(s)://...} or {@code redis(s)://...}
     * @param containerHealth   forward container alerts
     * @param scanFindings      forward scan findings
     * @throws IllegalArgumentException for any other target
     */
    public GatewaySettings withForwarding(String target, boolean containerHealth, boolean scanFindings) {
        return new GatewaySettings(url, clientId, caFile, heartbeatSeconds, channels, autoConnect,
                checkForwardTarget(target), containerHealth, scanFindings);
    }

    /** Checks a forward target; the message says which forms are accepted. */
    public static String checkForwardTarget(String target) {
        String t = target == null || target.isBlank() ? FORWARD_NONE : target.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals(FORWARD_NONE) || lower.equals(FORWARD_GATEWAY)) {
            return lower;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("redis://")
                || lower.startsWith("rediss://")) {
            return t;
        }
        throw new IllegalArgumentException("forward target must be 'none', 'gateway', an http(s):// gateway URL or a "
                + "redis:// URI, was '" + t + "'");
    }
}
