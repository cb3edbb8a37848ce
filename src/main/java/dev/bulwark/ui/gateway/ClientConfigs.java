package dev.bulwark.ui.gateway;

import dev.bulwark.gateway.client.GatewayClientConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Gateway form's fields turned into a client configuration, or a one-line message (an
 * {@link IllegalArgumentException}) saying which field is wrong. No state: the view-model keeps the fields.
 */
final class ClientConfigs {
    private ClientConfigs() {
    }

    /** {@code http(s)://} becomes {@code ws(s)://}, for users who paste the gateway's web address. */
    static String normaliseUrl(String raw) {
        String u = raw == null ? "" : raw.strip();
        if (u.isEmpty()) {
            throw new IllegalArgumentException("Enter the gateway's URL, e.g. ws://127.0.0.1:8000");
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            u = "ws://" + u.substring(7);
        } else if (lower.startsWith("https://")) {
            u = "wss://" + u.substring(8);
        }
        return u;
    }

    /**
     * @param u         the normalised URL
     * @param id        this installation's client id
     * @param ca        a PEM file of extra certificates to trust, or null/blank for none
     * @param heartbeat seconds between pings (1 to 3600), null for the default 15
     * @param token     read at each connect (the token file may change meanwhile)
     * @param queueFile where the offline publish queue persists, or null for memory only
     */
    static GatewayClientConfig of(String u, String id, String ca, Integer heartbeat, Supplier<String> token,
                                  Path queueFile) {
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a URL: " + u);
        }
        int hb = heartbeat == null ? 15 : heartbeat;
        if (hb < 1 || hb > 3600) {
            throw new IllegalArgumentException("Heartbeat must be 1 to 3600 seconds.");
        }
        GatewayClientConfig c = GatewayClientConfig.of(uri, id)
                .withToken(token)
                .withTimings(Duration.ofSeconds(hb), Duration.ofSeconds(10), Duration.ofSeconds(5))
                .withQueue(1000, queueFile);
        if (ca != null && !ca.isBlank()) {
            c = c.withCaFile(Path.of(ca.strip()));
        }
        return c;
    }
}
