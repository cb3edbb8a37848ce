package dev.bulwark.scan.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.match.Advisory;
import dev.bulwark.scan.match.AdvisoryHit;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.osv.PackageNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code pip-audit} (when on PATH) over every pinned PyPI package, whatever manifest it came from: the
 * packages are written to a temporary {@code name==version} requirements file and audited with
 * {@code --no-deps --disable-pip}, so pip-audit neither resolves nor installs anything.
 */
public final class PipAuditBackend implements VulnerabilityBackend {
    public static final String NAME = "pip-audit";

    private final ExternalTool tool;
    private final ObjectMapper mapper;
    private final Path workDir;

    public PipAuditBackend(ExternalTool tool, ObjectMapper mapper, Path workDir) {
        this.tool = tool;
        this.mapper = mapper;
        this.workDir = workDir;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return tool.locate().isPresent() ? Optional.empty() : Optional.of("pip-audit not found on PATH");
    }

    @Override
    public BackendResult query(List<PackageRef> packages) throws IOException, InterruptedException {
        List<PackageRef> pypi = packages.stream().filter(p -> p.ecosystem() == Ecosystem.PYPI).toList();
        if (pypi.isEmpty()) {
            return new BackendResult(List.of(), List.of());
        }
        Files.createDirectories(workDir);
        Path req = Files.createTempFile(workDir, "pip-audit-", ".txt");
        try {
            StringBuilder sb = new StringBuilder();
            pypi.forEach(p -> sb.append(p.name()).append("==").append(p.version()).append('\n'));
            Files.writeString(req, sb);
            ExternalTool.Result r = tool.run(List.of("-r", req.toString(), "--format", "json", "--no-deps",
                    "--disable-pip", "--progress-spinner", "off"), workDir);
            // pip-audit exits 1 when it found vulnerabilities; only unusable output is a failure.
            if (r.stdout().isBlank()) {
                throw new IOException("pip-audit exited " + r.exitCode() + " without JSON: "
                        + r.stderr().lines().limit(3).reduce("", (a, b) -> a + " " + b).trim());
            }
            return parse(r.stdout(), pypi);
        } finally {
            Files.deleteIfExists(req);
        }
    }

    /** Parses pip-audit's JSON ({@code {"dependencies": [...]}}, or the older bare list) against {@code packages}. */
    public BackendResult parse(String json, List<PackageRef> packages) throws IOException {
        JsonNode root = mapper.readTree(json);
        JsonNode deps = root.isArray() ? root : root.path("dependencies");
        if (!deps.isArray()) {
            throw new IOException("pip-audit JSON has no \"dependencies\" array");
        }
        Map<String, PackageRef> byKey = new HashMap<>();
        packages.forEach(p -> byKey.putIfAbsent(p.name() + "@" + p.version(), p));
        List<AdvisoryHit> hits = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        for (JsonNode d : deps) {
            String name = PackageNames.normalise(Ecosystem.PYPI, d.path("name").asText(""));
            String version = d.path("version").asText("");
            if (d.hasNonNull("skip_reason")) {
                errors.add(new ScanError(null, 0, NAME, name + ": skipped by pip-audit: " + d.get("skip_reason").asText()));
                continue;
            }
            PackageRef ref = byKey.get(name + "@" + version);
            if (ref == null) {
                continue; // pip-audit reported a package we did not ask about
            }
            for (JsonNode v : d.path("vulns")) {
                List<String> aliases = new ArrayList<>();
                v.path("aliases").forEach(a -> aliases.add(a.asText()));
                List<String> fixes = new ArrayList<>();
                v.path("fix_versions").forEach(f -> fixes.add(f.asText()));
                String description = v.path("description").asText("");
                hits.add(new AdvisoryHit(ref, new Advisory(v.path("id").asText(), aliases, firstLine(description),
                        description, List.of(), null, fixes, null, List.of(), List.of()), NAME));
            }
        }
        return new BackendResult(hits, errors);
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
