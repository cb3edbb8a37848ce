package dev.bulwark.scan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.scan.backend.BackendStatus;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.VexSuppression;
import dev.bulwark.scan.match.Location;
import dev.bulwark.scan.match.PackageFix;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.model.UnpinnedRequirement;
import dev.bulwark.scan.osv.EcosystemStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;

/**
 * The machine-readable report. Its schema is {@code scan-report.schema.json} next to this class
 * (schema id {@link #SCHEMA_ID}); fields are snake_case and never removed within a schema version.
 */
public final class JsonReportWriter implements ReportWriter {
    /** Identifies the report schema version. */
    public static final String SCHEMA_ID = "https://bulwark.dev/schemas/scan-report-1.json";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void write(ScanReport r, OutputStream out) throws IOException {
        mapper.writeValue(out, toJson(r));
    }

    /** The report as a JSON tree (also used by tests and the GUI). */
    public ObjectNode toJson(ScanReport r) {
        ObjectNode root = F.objectNode();
        root.put("$schema", SCHEMA_ID);
        root.put("tool", "bulwark");
        root.put("generated_at", r.generatedAt().toString());
        root.put("duration_ms", r.durationMs());
        strings(root.putArray("roots"), r.roots());
        ArrayNode findings = root.putArray("findings");
        r.findings().forEach(f -> findings.add(finding(f)));
        ArrayNode fixes = root.putArray("fixes");
        r.fixes().forEach(f -> fixes.add(fix(f)));
        ArrayNode packages = root.putArray("packages");
        r.packages().forEach(p -> packages.add(pkg(p)));
        ArrayNode unpinned = root.putArray("unpinned");
        r.unpinned().forEach(u -> unpinned.add(unpinned(u)));
        ArrayNode errors = root.putArray("errors");
        r.errors().forEach(e -> errors.add(error(e)));
        strings(root.putArray("warnings"), r.warnings());
        strings(root.putArray("notes"), r.notes());
        ArrayNode db = root.putArray("database");
        r.database().forEach(s -> db.add(database(s)));
        ArrayNode backends = root.putArray("backends");
        r.backends().forEach(b -> backends.add(backend(b)));
        ObjectNode summary = root.putObject("summary");
        summary.put("packages", r.packages().size());
        summary.put("findings", r.vulnerabilities().size());
        summary.put("ignored", r.findings().stream().filter(Finding::isIgnored).count());
        summary.put("informational", r.informational().size());
        if (r.coverage().known()) {
            summary.put("manifests", r.coverage().manifests());
            summary.put("manifests_read", r.coverage().read());
        }
        return root;
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode n = F.objectNode();
        Location loc = f.primaryLocation();
        n.put("ecosystem", f.ecosystem().osvName());
        n.put("package", f.packageName());
        n.put("version", f.version());
        n.put("file", ReportText.path(loc.file()));
        n.put("line", loc.line());
        ArrayNode locations = n.putArray("locations");
        for (Location l : f.locations()) {
            ObjectNode ln = locations.addObject();
            ln.put("file", ReportText.path(l.file()));
            ln.put("line", l.line());
            ln.put("relationship", l.relationship().name().toLowerCase(java.util.Locale.ROOT));
            ln.put("dev", l.dev());
            if (l.origin() != null) {
                ln.put("layer", l.origin().layer());
                ln.put("created_by", l.origin().createdBy());
            }
        }
        n.put("id", f.id());
        strings(n.putArray("aliases"), f.aliases());
        n.put("severity", f.severity().rating().name());
        if (f.severity().score() != null) {
            n.put("cvss_score", f.severity().score());
        } else {
            n.putNull("cvss_score");
        }
        n.put("cvss_vector", f.severity().vector());
        n.put("severity_source", f.severity().source());
        n.put("summary", f.summary());
        strings(n.putArray("fixed_versions"), f.fixedVersions());
        n.put("first_fixed", f.firstFixed());
        strings(n.putArray("backends"), f.backends());
        n.put("ignored", f.isIgnored());
        if (f.isIgnored()) {
            ObjectNode ig = n.putObject("ignore");
            ig.put("matched_id", f.ignore().matchedId());
            ig.put("reason", f.ignore().reason());
            ig.put("expires", f.ignore().expires() == null ? null : f.ignore().expires().toString());
            if (f.ignore().isVex()) {
                VexSuppression v = f.ignore().vex();
                ObjectNode s = n.putObject("suppression");
                s.put("kind", "vex");
                s.put("document", v.document());
                s.put("source", v.source());
                s.put("format", v.format());
                s.put("status", v.status());
                s.put("justification", v.justification());
                s.put("impact_statement", v.impactStatement());
                s.put("matched_id", f.ignore().matchedId());
                s.put("product", v.product());
                s.put("timestamp", v.timestamp() == null ? null : v.timestamp().toString());
            }
        }
        n.put("informational", f.isInformational());
        n.put("informational_kind", f.informational());
        strings(n.putArray("references"), f.references());
        return n;
    }

    private static ObjectNode fix(PackageFix f) {
        ObjectNode n = F.objectNode();
        n.put("ecosystem", f.ecosystem().osvName());
        n.put("package", f.name());
        n.put("version", f.version());
        n.put("upgrade_to", f.upgradeTo());
        strings(n.putArray("finding_ids"), f.findingIds());
        strings(n.putArray("unfixed"), f.unfixed());
        return n;
    }

    private static ObjectNode pkg(PackageRef p) {
        ObjectNode n = F.objectNode();
        n.put("ecosystem", p.osvEcosystem());
        n.put("name", p.name());
        n.put("version", p.version());
        n.put("file", ReportText.path(p.file()));
        n.put("line", p.line());
        n.put("relationship", p.relationship().name().toLowerCase(java.util.Locale.ROOT));
        n.put("dev", p.dev());
        if (p.origin() != null) {
            // Image scans: the file above is the path inside the image; this names the layer that brought it.
            n.put("layer", p.origin().layer());
            n.put("created_by", p.origin().createdBy());
            if (p.origin().installed() != null) {
                n.put("installed", p.origin().installed());
            }
        }
        return n;
    }

    private static ObjectNode unpinned(UnpinnedRequirement u) {
        ObjectNode n = F.objectNode();
        n.put("ecosystem", u.ecosystem() == null ? null : u.ecosystem().osvName());
        n.put("name", u.name());
        n.put("specifier", u.specifier());
        n.put("file", ReportText.path(u.file()));
        n.put("line", u.line());
        n.put("status", "unpinned — not checked");
        return n;
    }

    private static ObjectNode error(ScanError e) {
        ObjectNode n = F.objectNode();
        n.put("file", e.file() == null ? null : ReportText.path(e.file()));
        n.put("line", e.line());
        n.put("source", e.source());
        n.put("message", e.message());
        return n;
    }

    private static ObjectNode database(EcosystemStatus s) {
        ObjectNode n = F.objectNode();
        n.put("ecosystem", s.ecosystem());
        n.put("records", s.records());
        n.put("imported_at", s.importedAt() == null ? null : s.importedAt().toString());
        n.put("age_days", s.ageDays());
        n.put("stale", s.stale());
        strings(n.putArray("sources"), s.sources());
        return n;
    }

    private static ObjectNode backend(BackendStatus b) {
        ObjectNode n = F.objectNode();
        n.put("name", b.name());
        n.put("state", b.state());
        n.put("message", b.message());
        n.put("hits", b.hits());
        n.put("millis", b.millis());
        return n;
    }

    private static void strings(ArrayNode a, Collection<String> values) {
        values.forEach(a::add);
    }
}
