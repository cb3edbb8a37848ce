package dev.bulwark.scan.osv;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for OSV.dev's dump bucket on 127.0.0.1: serves {@code /<Ecosystem>/all.zip} with ETag and
 * Last-Modified, honours If-None-Match (304) and Range/If-Range (206), and can cut a response short.
 */
public final class DumpServer implements AutoCloseable {
    static final String LAST_MODIFIED = "Mon, 02 Nov 2026 10:00:00 GMT";

    private final HttpServer server;
    private final ExecutorService executor = dev.bulwark.util.NamedThreads.virtualExecutor("test-dump-server");
    public final Map<String, byte[]> files = new ConcurrentHashMap<>();
    public final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger cutNextAfter = new AtomicInteger(-1);
    volatile boolean ignoreRanges;

    public DumpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    static String etag(byte[] body) {
        return "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> seen = new ConcurrentHashMap<>();
        seen.put("path", ex.getRequestURI().getPath());
        for (String h : List.of("Range", "If-Range", "If-None-Match", "If-Modified-Since")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                seen.put(h, v);
            }
        }
        requests.add(seen);
        byte[] body = files.get(ex.getRequestURI().getPath());
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        String etag = etag(body);
        ex.getResponseHeaders().set("ETag", etag);
        ex.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
        if (etag.equals(seen.get("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            // As the dump bucket answers: the size, no body (the JDK server leaves the header to us for HEAD).
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        int from = 0;
        String range = seen.get("Range");
        if (range != null && !ignoreRanges && etag.equals(seen.getOrDefault("If-Range", etag))) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        int cut = cutNextAfter.getAndSet(-1);
        try (OutputStream out = ex.getResponseBody()) {
            if (cut >= 0) {
                out.write(body, from, cut);
                out.flush();
                // Drop the connection mid-body, as a network failure would.
                ex.getHttpContext().getServer().stop(0);
                return;
            }
            out.write(body, from, body.length - from);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
