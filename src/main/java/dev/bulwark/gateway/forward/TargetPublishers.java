package dev.bulwark.gateway.forward;

import dev.bulwark.gateway.client.GatewayHttp;
import dev.bulwark.gateway.client.GatewayPublisher;
import dev.bulwark.gateway.client.RedisPublisher;
import dev.bulwark.gateway.client.TlsContexts;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/** Publishers for an explicit forward target: a gateway's {@code POST /publish} or Redis pub/sub. */
public final class TargetPublishers {
    private TargetPublishers() {
    }

    /** A publisher the forwarder owns and closes when the target changes or it stops. */
    public interface Closeable extends GatewayPublisher, AutoCloseable {
        @Override
        void close();
    }

    /** Opens publishers for explicit targets. */
    @FunctionalInterface
    public interface Factory {
        /** A publisher for {@code target} ({@code http(s)://...} or {@code redis(s)://...}). */
        Closeable open(String target) throws IOException;
    }

    /**
     * The real factory.
     *
     * @param token  the bearer token for an http(s) target, read at every publish (null: none)
     * @param caFile PEM certificates to trust for https besides the system's, or null
     */
    public static Factory real(Supplier<String> token, Supplier<Path> caFile) {
        return target -> {
            String lower = target.toLowerCase(Locale.ROOT);
            if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
                RedisPublisher redis = new RedisPublisher(target);
                return new Closeable() {
                    @Override
                    public void publish(String frameJson) throws Exception {
                        redis.publish(frameJson);
                    }

                    @Override
                    public void close() {
                        redis.close();
                    }
                };
            }
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                URI u = URI.create(target);
                URI base = URI.create(u.getScheme() + "://" + u.getRawAuthority());
                ExecutorService threads = NamedThreads.virtualExecutor("gateway-forward-http");
                GatewayHttp http = new GatewayHttp(base, TlsContexts.trusting(caFile.get()), token, threads);
                return new Closeable() {
                    @Override
                    public void publish(String frameJson) throws Exception {
                        http.publish(frameJson);
                    }

                    @Override
                    public void close() {
                        http.close();
                        threads.close();
                    }
                };
            }
            throw new IOException("not a forward target: " + target);
        };
    }
}
