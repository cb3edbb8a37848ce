package dev.bulwark.scan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.scan.match.AffectedEvaluator;
import dev.bulwark.scan.match.VersionOrder;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.scan.osv.OsvJson;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a fake OSV.dev API on 127.0.0.1 serving the committed records. */
class OsvApiBackendTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ExecutorService threads = NamedThreads.virtualExecutor("test-osv-api");
    private final List<String> vulnFetches = new CopyOnWriteArrayList<>();
    private final AtomicInteger batches = new AtomicInteger();
    private final Map<String, JsonNode> records = new ConcurrentHashMap<>();
    private volatile int failStatus;
    private HttpServer server;
    private HttpClient client;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
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
        client = HttpClient.newBuilder().executor(threads).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        client.close();
        threads.close();
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

    private OsvApiBackend backend() {
        return new OsvApiBackend(client, URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                tmp.resolve("cache"), OsvJson.newMapper(), new AffectedEvaluator(new VersionOrder()), Duration.ofSeconds(10));
    }

    private static PackageRef pkg(Ecosystem e, String name, String version) {
        return new PackageRef(e, name, version, Path.of("m"), 1, Relationship.DIRECT, false);
    }

    @Test
    void queriesInBatchFollowsPagesFetchesFullRecordsAndCachesThem() throws Exception {
        List<PackageRef> pkgs = List.of(pkg(Ecosystem.PYPI, "requests", "2.19.0"), pkg(Ecosystem.PYPI, "requests", "2.25.0"),
                pkg(Ecosystem.GO, "golang.org/x/net", "v0.1.0"));

        BackendResult first = backend().query(pkgs);

        assertThat(first.hits()).extracting(h -> h.pkg().version() + " " + h.advisory().id()).containsExactlyInAnyOrder(
                "2.19.0 GHSA-x84v-xcm2-53pg", "2.19.0 PYSEC-2018-28", "v0.1.0 GO-2022-1144",
                "v0.1.0 GO-2023-1495"); // v0.1.0 sits between the pseudo-version bounds
        assertThat(batches.get()).isEqualTo(2); // requests has two records: one page each
        assertThat(vulnFetches).containsExactlyInAnyOrder("GHSA-x84v-xcm2-53pg", "PYSEC-2018-28", "GO-2022-1144",
                "GO-2023-1495");
        assertThat(first.hits()).allSatisfy(h -> assertThat(h.backend()).isEqualTo("osv.dev"));

        vulnFetches.clear();
        BackendResult again = backend().query(pkgs);
        assertThat(again.hits()).hasSize(4);
        assertThat(vulnFetches).as("unchanged records come from the cache").isEmpty();
    }

    @Test
    void serverErrorsFailTheBackend() {
        failStatus = 503;
        assertThatThrownBy(() -> backend().query(List.of(pkg(Ecosystem.PYPI, "requests", "2.19.0"))))
                .hasMessageContaining("HTTP 503");
    }
}
