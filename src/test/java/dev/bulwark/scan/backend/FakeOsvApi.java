package dev.bulwark.scan.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OSV.dev API on 127.0.0.1 serving the committed OSV records: {@code POST /v1/querybatch} (one id per
 * page, so paging is exercised) and {@code GET /v1/vulns/{id}}.
 */
public final class FakeOsvApi implements AutoCloseable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ExecutorService threads = NamedThreads.virtualExecutor("test-osv-api");
    private final HttpServer server;
    public final List<String> vulnFetches = new CopyOnWriteArrayList<>();
    public final AtomicInteger batches = new AtomicInteger();
    private final Map<String, JsonNode> records = new ConcurrentHashMap<>();
    public volatile int failStatus;

    public FakeOsvApi() throws IOException {
        try (var s = Files.list(OsvFixtures.recordsDir())) {
            for (Path p : s.toList()) {
                JsonNode r = mapper.readTree(p.toFile());
                records.put(r.get("id").asText(), r);
            }
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/querybatch", this::querybatch);
        server.createContext("/v1/vulns/", this::vuln);
        server.setExecutor(threads);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void querybatch(HttpExchange ex) throws IOException {
        batches.incrementAndGet();
        if (failStatus != 0) {
            ex.sendResponseHeaders(failStatus, -1);
            ex.close();
            return;
        }
        JsonNode body = mapper.readTree(ex.getRequestBody());
        ObjectNode out = mapper.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (JsonNode q : body.get("queries")) {
            String name = q.path("package").path("name").asText();
            String eco = q.path("package").path("ecosystem").asText();
            List<JsonNode> matches = records.values().stream().filter(r -> {
                for (JsonNode a : r.path("affected")) {
                    if (a.path("package").path("name").asText().equalsIgnoreCase(name)
                            && a.path("package").path("ecosystem").asText().equals(eco)) {
                        return true;
                    }
                }
                return false;
            }).sorted((a, b) -> a.get("id").asText().compareTo(b.get("id").asText())).toList();
            // One id per page, to exercise next_page_token.
            int page = q.has("page_token") ? Integer.parseInt(q.get("page_token").asText()) : 0;
            ObjectNode r = results.addObject();
            if (page < matches.size()) {
                r.putArray("vulns").addObject().put("id", matches.get(page).get("id").asText())
                        .put("modified", matches.get(page).path("modified").asText());
                if (page + 1 < matches.size()) {
                    r.put("next_page_token", String.valueOf(page + 1));
                }
            }
        }
        byte[] bytes = mapper.writeValueAsBytes(out);
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private void vuln(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().substring("/v1/vulns/".length());
        vulnFetches.add(id);
        JsonNode r = records.get(id);
        if (r == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        byte[] bytes = mapper.writeValueAsBytes(r);
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }
}
