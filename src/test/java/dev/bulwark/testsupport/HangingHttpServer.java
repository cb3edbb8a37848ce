package dev.bulwark.testsupport;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 whose every request hangs until {@link #close()}, then gets {@code status}:
 * for testing that cancelling work stuck on the network really stops it.
 */
public final class HangingHttpServer implements AutoCloseable {
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService threads = NamedThreads.virtualExecutor("test-hanging-http");
    private final HttpServer server;

    public HangingHttpServer(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            arrived.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Waits until the first request is being held; fails after 30 s. */
    public void awaitRequest() throws InterruptedException {
        if (!arrived.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no request reached the hanging server within 30 s");
        }
    }

    /** Releases held requests before anything waits for their threads, then stops. */
    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.close();
    }
}
