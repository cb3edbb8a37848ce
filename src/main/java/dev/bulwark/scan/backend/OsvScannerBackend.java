package dev.bulwark.scan.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.match.AdvisoryHit;
import dev.bulwark.scan.match.AffectedEvaluator;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.osv.MalformedRecordException;
import dev.bulwark.scan.osv.OsvParser;
import dev.bulwark.scan.osv.OsvRecord;
import dev.bulwark.scan.osv.PackageNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs {@code osv-scanner} (when on PATH) on each manifest file and parses its JSON output. The full OSV
 * records it returns are evaluated with Bulwark's own matcher, so fixes are computed the same way.
 */
public final class OsvScannerBackend implements VulnerabilityBackend {
    public static final String NAME = "osv-scanner";

    private final ExternalTool tool;
    private final ObjectMapper mapper;
    private final OsvParser parser;
    private final OfflineOsvBackend.RecordMatcher matcher;

    public OsvScannerBackend(ExternalTool tool, ObjectMapper mapper, AffectedEvaluator evaluator) {
        this.tool = tool;
        this.mapper = mapper;
        this.parser = new OsvParser(mapper);
        this.matcher = new OfflineOsvBackend.RecordMatcher(evaluator, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return tool.locate().isPresent() ? Optional.empty() : Optional.of("osv-scanner not found on PATH");
    }

    @Override
    public BackendResult query(List<PackageRef> packages) throws IOException, InterruptedException {
        Set<Path> files = new LinkedHashSet<>();
        packages.stream().map(PackageRef::file).filter(f -> f != null).forEach(files::add);
        List<AdvisoryHit> hits = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        for (Path file : files) {
            Path abs = file.toAbsolutePath();
            ExternalTool.Result r = tool.run(List.of("--format", "json", "--lockfile", abs.toString()),
                    abs.getParent());
            if (r.stdout().isBlank()) {
                errors.add(new ScanError(file, 0, NAME, "osv-scanner exited " + r.exitCode() + " without JSON: "
                        + r.stderr().lines().findFirst().orElse("")));
                continue;
            }
            BackendResult one = parse(r.stdout(), packages);
            hits.addAll(one.hits());
            errors.addAll(one.errors());
        }
        return new BackendResult(hits, errors);
    }

    /** Parses osv-scanner's {@code --format json} output against {@code packages}. */
    public BackendResult parse(String json, List<PackageRef> packages) throws IOException {
        JsonNode root = mapper.readTree(json);
        if (!root.path("results").isArray()) {
            throw new IOException("osv-scanner JSON has no \"results\" array");
        }
        Map<String, PackageRef> byKey = new HashMap<>();
        packages.forEach(p -> byKey.putIfAbsent(p.ecosystem().osvName() + "/" + p.name() + "@" + p.version(), p));
        List<AdvisoryHit> hits = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        for (JsonNode result : root.path("results")) {
            for (JsonNode pkg : result.path("packages")) {
                JsonNode info = pkg.path("package");
                Optional<Ecosystem> eco = Ecosystem.fromOsv(info.path("ecosystem").asText(null));
                if (eco.isEmpty()) {
                    continue;
                }
                String name = PackageNames.normalise(eco.get(), info.path("name").asText(""));
                String version = info.path("version").asText("");
                PackageRef ref = byKey.get(eco.get().osvName() + "/" + name + "@" + version);
                if (ref == null && eco.get() == Ecosystem.GO) {
                    ref = byKey.get(eco.get().osvName() + "/" + name + "@v" + version);
                }
                if (ref == null) {
                    continue;
                }
                List<OsvRecord> records = new ArrayList<>();
                for (JsonNode v : pkg.path("vulnerabilities")) {
                    try {
                        records.add(parser.parse(v));
                    } catch (MalformedRecordException e) {
                        errors.add(new ScanError(ref.file(), 0, NAME, "malformed record "
                                + v.path("id").asText("?") + ": " + e.getMessage()));
                    }
                }
                matcher.match(ref, records, hits, errors);
            }
        }
        return new BackendResult(hits, errors);
    }
}
