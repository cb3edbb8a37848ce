package dev.bulwark.scan.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.VexSuppression;
import dev.bulwark.scan.match.Location;
import dev.bulwark.scan.model.ImageOrigin;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.util.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0: one rule per advisory id, one result per finding pointing at the manifest file and line.
 * {@code security-severity} carries the CVSS score for code-scanning dashboards; ignored findings carry an
 * external suppression with the ignore reason.
 */
public final class SarifReportWriter implements ReportWriter {
    /** The base id relative artifact locations refer to (GitHub code scanning resolves it to the checkout). */
    static final String SRCROOT = "%SRCROOT%";
    /** The {@code id} of the official OASIS SARIF 2.1.0 (errata 01) JSON schema. */
    public static final String SCHEMA_URI =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Path sourceRoot;

    /** Relative paths are left without a base. */
    public SarifReportWriter() {
        this(null);
    }

    /** Relative paths are declared relative to {@code sourceRoot} ({@code %SRCROOT%}), e.g. the working folder. */
    public SarifReportWriter(Path sourceRoot) {
        this.sourceRoot = sourceRoot == null ? null : sourceRoot.toAbsolutePath().normalize();
    }
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void write(ScanReport r, OutputStream out) throws IOException {
        mapper.writeValue(out, toJson(r));
    }

    ObjectNode toJson(ScanReport r) {
        ObjectNode root = F.objectNode();
        // The OASIS errata-01 schema URI, the same text the tests validate against.
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        if (sourceRoot != null) {
            String base = sourceRoot.toUri().toASCIIString();
            run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", base.endsWith("/") ? base : base + "/");
        }
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Bulwark");
        driver.put("semanticVersion", semver(Version.current()));
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            Integer index = ruleIndex.get(f.id());
            if (index == null) {
                index = ruleIndex.size();
                ruleIndex.put(f.id(), index);
                rules.add(rule(f));
            }
            results.add(result(f, index));
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode notes = invocation.putArray("toolExecutionNotifications");
        for (ScanError e : r.errors()) {
            ObjectNode n = notes.addObject();
            n.put("level", "warning");
            n.putObject("message").put("text", e.toString());
            if (e.file() != null) {
                n.putArray("locations").add(physical(e.file(), e.line(), sourceRoot != null));
            }
        }
        for (String w : r.warnings()) {
            ObjectNode n = notes.addObject();
            n.put("level", "warning");
            n.putObject("message").put("text", w);
        }
        return root;
    }

    private static ObjectNode rule(Finding f) {
        ObjectNode rule = F.objectNode();
        rule.put("id", f.id());
        rule.put("name", f.id().replaceAll("[^A-Za-z0-9]", ""));
        rule.putObject("shortDescription").put("text", f.summary().isBlank() ? f.id() : f.summary());
        rule.putObject("fullDescription").put("text", f.id() + (f.aliases().isEmpty() ? ""
                : " (aliases: " + String.join(", ", f.aliases()) + ")") + ": " + f.summary());
        f.references().stream().filter(SarifReportWriter::isUri).findFirst().ifPresent(u -> rule.put("helpUri", u));
        rule.putObject("defaultConfiguration").put("level", level(f));
        ObjectNode props = rule.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        tags.add("security");
        tags.add(f.isInformational() ? "informational" : "vulnerability");
        if (f.severity().score() != null) {
            props.put("security-severity", String.format(Locale.ROOT, "%.1f", f.severity().score()));
        }
        return rule;
    }

    private ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode res = F.objectNode();
        res.put("ruleId", f.id());
        res.put("ruleIndex", ruleIndex);
        res.put("level", level(f));
        String fix = f.firstFixed() != null ? "; fixed in " + f.firstFixed() : "; no fixed version known";
        res.putObject("message").put("text", f.packageName() + " " + f.version() + " (" + f.ecosystem() + ") is affected by "
                + f.id() + " [" + f.severity().rating() + "]: " + f.summary() + fix
                + (f.primaryLocation().origin() == null ? ""
                : "; introduced by " + ReportText.origin(f.primaryLocation().origin(), false)));
        ArrayNode locations = res.putArray("locations");
        for (Location l : f.locations()) {
            if (l.file() != null || l.origin() != null) {
                ObjectNode loc = l.file() != null ? physical(l.file(), l.line(), sourceRoot != null) : F.objectNode();
                if (l.origin() != null) {
                    layer(loc, l.origin());
                }
                locations.add(loc);
            }
        }
        res.putObject("partialFingerprints").put("bulwarkFinding/v1",
                f.ecosystem().osvName() + "/" + f.packageName() + "@" + f.version() + "/" + f.id());
        if (f.isIgnored()) {
            ObjectNode s = res.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            s.put("justification", f.ignore().reason());
            if (f.ignore().isVex()) {
                // SARIF suppression property bag: the VEX statement, machine-readable
                VexSuppression v = f.ignore().vex();
                ObjectNode vex = s.putObject("properties").putObject("vex");
                vex.put("document", v.document());
                vex.put("source", v.source());
                vex.put("format", v.format());
                vex.put("status", v.status());
                vex.put("product", v.product());
                if (v.justification() != null) {
                    vex.put("justification", v.justification());
                }
                if (v.impactStatement() != null) {
                    vex.put("impactStatement", v.impactStatement());
                }
            }
        }
        ObjectNode props = res.putObject("properties");
        props.put("severity", f.severity().rating().name());
        if (f.severity().vector() != null) {
            props.put("cvssVector", f.severity().vector());
        }
        ArrayNode aliases = props.putArray("aliases");
        f.aliases().forEach(aliases::add);
        ArrayNode fixed = props.putArray("fixedVersions");
        f.fixedVersions().forEach(fixed::add);
        return res;
    }

    /**
     * The image layer as a logical location (kind {@code module}: the layer is the unit that shipped the file)
     * and, machine-readable, in the location's property bag.
     */
    private static void layer(ObjectNode loc, ImageOrigin o) {
        ObjectNode logical = loc.putArray("logicalLocations").addObject();
        logical.put("name", ReportText.nullToEmpty(o.layer()));
        logical.put("fullyQualifiedName", ReportText.origin(o, false));
        logical.put("kind", "module");
        ObjectNode props = loc.putObject("properties");
        props.put("layer", o.layer());
        props.put("createdBy", o.createdBy());
        if (o.installed() != null) {
            props.put("installed", o.installed());
        }
    }

    private static ObjectNode physical(Path file, int line, boolean withBase) {
        ObjectNode loc = F.objectNode();
        ObjectNode phys = loc.putObject("physicalLocation");
        ObjectNode artifact = phys.putObject("artifactLocation").put("uri", uri(file));
        if (withBase && !file.isAbsolute()) {
            artifact.put("uriBaseId", SRCROOT);
        }
        if (line > 0) {
            phys.putObject("region").put("startLine", line);
        }
        return loc;
    }

    /** Relative paths stay relative (forward slashes, percent-encoded); absolute ones become file: URIs. */
    static String uri(Path file) {
        if (file.isAbsolute()) {
            return file.toUri().toASCIIString();
        }
        try {
            return new URI(null, null, file.toString().replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            return file.toAbsolutePath().toUri().toASCIIString();
        }
    }

    private static String level(Finding f) {
        if (f.isInformational()) {
            return "note";
        }
        return switch (f.severity().rating()) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM, UNKNOWN -> "warning";
            case LOW, NONE -> "note";
        };
    }

    private static boolean isUri(String s) {
        try {
            return new URI(s).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String semver(String v) {
        return v.matches("\\d+\\.\\d+\\.\\d+.*") ? v : "0.0.0";
    }
}
