package dev.bulwark.gateway;

import java.time.Duration;
import java.util.Map;

/** {@link RawWs} for tests in other packages: a plain subscriber that returns data frames. */
public final class RawWsAccess {
    private final RawWs ws;

    private RawWsAccess(RawWs ws) {
        this.ws = ws;
    }

    /** Connects to a gateway on 127.0.0.1 and reads its welcome. */
    public static RawWsAccess open(int port, Map<String, String> headers) throws InterruptedException {
        RawWs ws = RawWs.open(port, "cli-test", headers, false);
        ws.next(Duration.ofSeconds(10));
        return new RawWsAccess(ws);
    }

    /** Subscribes and waits for the acknowledgement. */
    public void subscribe(String channel) throws InterruptedException {
        ws.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"data\":null,\"timestamp\":null,\"client_id\":null}");
        ws.nextOfType("subscribed", Duration.ofSeconds(10));
    }

    /** The next frame that is not a control frame. */
    public String nextData() throws InterruptedException {
        while (true) {
            String f = ws.next(Duration.ofSeconds(10));
            if (!f.startsWith("{\"type\":\"pong\"") && !f.startsWith("{\"type\":\"error\"")) {
                return f;
            }
        }
    }
}
