package dev.bulwark.scan.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.scan.match.AdvisoryHit;
import dev.bulwark.scan.match.AffectedEvaluator;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.osv.MalformedRecordException;
import dev.bulwark.scan.osv.OsvParser;
import dev.bulwark.scan.osv.OsvRecord;
import dev.bulwark.util.AtomicFiles;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The opt-in online backend: OSV.dev's {@code POST /v1/querybatch} (which returns only ids), then the full
 * records from {@code GET /v1/vulns/{id}}, cached on disk by id and {@code modified} so a re-scan only
 * fetches what changed. Records are matched with Bulwark's own evaluator.
 */
public final class OsvApiBackend implements VulnerabilityBackend {
    public static final String NAME = "osv.dev";
    /** OSV.dev's API. */
    public static final URI DEFAULT_BASE = URI.create("https://api.osv.dev/");
    private static final int BATCH = 1000;
    private static final int PARALLEL_FETCHES = 8;

    private final HttpClient client;
    private final URI base;
    private final Path cacheDir;
    private final ObjectMapper mapper;
    private final OsvParser parser;
    private final OfflineOsvBackend.RecordMatcher matcher;
    private final Duration timeout;

    public OsvApiBackend(HttpClient client, URI base, Path cacheDir, ObjectMapper mapper, AffectedEvaluator evaluator,
                         Duration timeout) {
        this.client = client;
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.cacheDir = cacheDir;
        this.mapper = mapper;
        this.parser = new OsvParser(mapper);
        this.matcher = new OfflineOsvBackend.RecordMatcher(evaluator, NAME);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public BackendResult query(List<PackageRef> packages) throws IOException, InterruptedException {
        Map<PackageRef, Map<String, String>> idsByPackage = new LinkedHashMap<>();
        for (int from = 0; from < packages.size(); from += BATCH) {
            List<PackageRef> batch = packages.subList(from, Math.min(packages.size(), from + BATCH));
            queryBatch(batch, idsByPackage);
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        idsByPackage.values().forEach(wanted::putAll);
        List<ScanError> errors = new ArrayList<>();
        Map<String, OsvRecord> records = fetchAll(wanted, errors);
        List<AdvisoryHit> hits = new ArrayList<>();
        idsByPackage.forEach((pkg, ids) -> {
            List<OsvRecord> forPkg = ids.keySet().stream().map(records::get).filter(r -> r != null).toList();
            matcher.match(pkg, forPkg, hits, errors);
        });
        return new BackendResult(hits, errors);
    }

    private void queryBatch(List<PackageRef> batch, Map<PackageRef, Map<String, String>> out)
            throws IOException, InterruptedException {
        List<PackageRef> pending = new ArrayList<>(batch);
        Map<PackageRef, String> pageTokens = new HashMap<>();
        while (!pending.isEmpty()) {
            ObjectNode body = mapper.createObjectNode();
            ArrayNode queries = body.putArray("queries");
            for (PackageRef p : pending) {
                ObjectNode q = queries.addObject();
                q.putObject("package").put("name", p.name()).put("ecosystem", p.ecosystem().osvName());
                q.put("version", apiVersion(p));
                if (pageTokens.containsKey(p)) {
                    q.put("page_token", pageTokens.get(p));
                }
            }
            HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/querybatch")).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (res.statusCode() != 200) {
                throw new IOException("querybatch: HTTP " + res.statusCode());
            }
            JsonNode results = mapper.readTree(res.body()).path("results");
            if (!results.isArray() || results.size() != pending.size()) {
                throw new IOException("querybatch: expected " + pending.size() + " results, got " + results.size());
            }
            List<PackageRef> next = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                PackageRef p = pending.get(i);
                JsonNode r = results.get(i);
                Map<String, String> ids = out.computeIfAbsent(p, k -> new LinkedHashMap<>());
                for (JsonNode v : r.path("vulns")) {
                    ids.put(v.path("id").asText(), v.path("modified").asText(""));
                }
                if (r.hasNonNull("next_page_token")) {
                    pageTokens.put(p, r.get("next_page_token").asText());
                    next.add(p);
                }
            }
            pending = next;
        }
    }

    private Map<String, OsvRecord> fetchAll(Map<String, String> wanted, List<ScanError> errors)
            throws InterruptedException {
        Map<String, OsvRecord> out = new HashMap<>();
        Semaphore permits = new Semaphore(PARALLEL_FETCHES);
        try (ExecutorService pool = NamedThreads.virtualExecutor("osv-api-fetch")) {
            Map<String, Future<OsvRecord>> futures = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                futures.put(e.getKey(), pool.submit(() -> {
                    permits.acquire();
                    try {
                        return record(e.getKey(), e.getValue());
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Map.Entry<String, Future<OsvRecord>> f : futures.entrySet()) {
                try {
                    out.put(f.getKey(), f.getValue().get());
                } catch (ExecutionException ex) {
                    errors.add(new ScanError(null, 0, NAME, "cannot fetch " + f.getKey() + ": " + ex.getCause().getMessage()));
                }
            }
        }
        return out;
    }

    private OsvRecord record(String id, String modified) throws IOException, InterruptedException,
            MalformedRecordException {
        Path cached = cacheDir.resolve(safeName(id) + ".json");
        if (Files.exists(cached)) {
            JsonNode node = mapper.readTree(cached.toFile());
            if (!modified.isEmpty() && modified.equals(node.path("modified").asText())) {
                return parser.parse(node);
            }
        }
        HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/vulns/" + URLEncoder.encode(id, StandardCharsets.UTF_8)))
                .timeout(timeout).GET().build();
        HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (res.statusCode() != 200) {
            throw new IOException("HTTP " + res.statusCode());
        }
        OsvRecord record = parser.parse(mapper.readTree(res.body()));
        Files.createDirectories(cacheDir);
        AtomicFiles.write(cached, out -> out.write(res.body()));
        return record;
    }

    /** OSV.dev expects Go versions without the {@code v} prefix. */
    private static String apiVersion(PackageRef p) {
        String v = p.version();
        return p.ecosystem() == Ecosystem.GO && v.startsWith("v") ? v.substring(1) : v;
    }

    private static String safeName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
