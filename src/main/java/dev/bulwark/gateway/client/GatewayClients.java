package dev.bulwark.gateway.client;

import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** Builds a {@link GatewayClient} on the real adapters (Java-WebSocket, the JDK's HTTP client) and owns them all. */
public final class GatewayClients {
    private GatewayClients() {
    }

    /** A client with everything it uses; closing it closes them all, the client first. */
    public record Owned(GatewayClient client, GatewayHttp http, ExecutorService threads) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            http.close();
            threads.close();
        }
    }

    /**
     * @param publisher where {@link GatewayClient#publish} goes; null publishes to the same server's
     *                  {@code POST /publish}
     * @throws IOException when the CA file cannot be read
     */
    public static Owned open(GatewayClientConfig config, GatewayPublisher publisher, Clock clock,
                             GatewayClient.Listener listener) throws IOException {
        var tls = TlsContexts.trusting(config.caFile());
        ExecutorService threads = NamedThreads.virtualExecutor("gateway-io");
        GatewayHttp http = new GatewayHttp(config.httpBase(), tls, config::currentToken, threads);
        GatewayTransport transport = new JavaWebSocketTransport(tls, Math.max(config.maxInboundBytes() * 16, 16 << 20),
                true, threads);
        GatewayClient client = new GatewayClient(config, transport, http, publisher != null ? publisher : http::publish,
                clock, listener);
        return new Owned(client, http, threads);
    }
}
