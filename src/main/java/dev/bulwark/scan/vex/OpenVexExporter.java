package dev.bulwark.scan.vex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Ignore;
import dev.bulwark.scan.match.VexSuppression;
import dev.bulwark.scan.report.Purls;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exports a scan's ignore decisions as an OpenVEX v0.2.0 document, valid against the official schema (checked before
 * anything is written; the write is atomic).
 * <ul>
 *   <li>A VEX-suppressed finding keeps its statement's status ({@code not_affected} / {@code fixed}), justification
 *   (CycloneDX justifications mapped to the OpenVEX vocabulary; others moved into the impact statement), impact
 *   statement and timestamp; {@code status_notes} names the source document.</li>
 *   <li>An ignore-file entry becomes {@code not_affected} with the entry's reason as {@code impact_statement}
 *   (OpenVEX has no "risk accepted" status and no expiry: the expiry date is written into the statement).</li>
 * </ul>
 * Each statement names the finding's id with every alias, and the package's purl as product, so re-scanning with
 * the export suppresses the same findings. Statements are sorted; the document {@code @id} is a SHA-256 over the
 * statements, so the same decisions always get the same id.
 */
public final class OpenVexExporter {
    static final String CONTEXT = "https://openvex.dev/ns/v0.2.0";
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Clock clock;

    public OpenVexExporter(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * What an export contains.
     *
     * @param document   the OpenVEX document
     * @param statements statements written
     * @param findings   ignored findings covered
     * @param skipped    ignored findings left out because their package has no purl
     */
    public record Export(ObjectNode document, int statements, int findings, int skipped) {
    }

    /** Builds the document for {@code report}'s ignored findings, authored by {@code author}. */
    public Export export(ScanReport report, String author) {
        if (author == null || author.isBlank()) {
            throw new IllegalArgumentException("an OpenVEX document needs an author");
        }
        // Statements grouped by everything but the products: one statement per decision, products merged.
        Map<String, ObjectNode> byDecision = new TreeMap<>();
        Map<String, TreeSet<String>> products = new TreeMap<>();
        Map<String, TreeSet<String>> aliases = new TreeMap<>();
        int covered = 0;
        int skipped = 0;
        for (Finding f : report.findings()) {
            if (!f.isIgnored()) {
                continue;
            }
            Optional<String> purl = Purls.of(f.ecosystem(), f.packageName(), f.version());
            if (purl.isEmpty()) {
                skipped++;
                continue;
            }
            covered++;
            ObjectNode st = statement(f);
            String key = f.id() + '\u0000' + st.toString();
            byDecision.putIfAbsent(key, st);
            products.computeIfAbsent(key, k -> new TreeSet<>()).add(purl.get());
            aliases.computeIfAbsent(key, k -> new TreeSet<>()).addAll(f.aliases());
        }
        if (byDecision.isEmpty()) {
            throw new IllegalStateException("nothing to export: the scan has no ignored or VEX-suppressed finding"
                    + (skipped > 0 ? " with a package URL" : ""));
        }
        ArrayNode statements = json.createArrayNode();
        byDecision.forEach((key, st) -> {
            ObjectNode vuln = json.createObjectNode();
            vuln.put("name", key.substring(0, key.indexOf('\u0000')));
            TreeSet<String> al = aliases.get(key);
            al.remove(vuln.get("name").asText());
            if (!al.isEmpty()) {
                al.forEach(vuln.putArray("aliases")::add);
            }
            ObjectNode full = json.createObjectNode();
            full.set("vulnerability", vuln);
            ArrayNode ps = full.putArray("products");
            products.get(key).forEach(p -> ps.addObject().put("@id", p));
            full.setAll(st);
            statements.add(full);
        });
        ObjectNode doc = json.createObjectNode();
        doc.put("@context", CONTEXT);
        doc.put("@id", "https://openvex.dev/docs/public/vex-" + sha256(statements.toString()));
        doc.put("author", author.strip());
        doc.put("role", "Document Creator");
        doc.put("timestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        doc.put("version", 1);
        doc.put("tooling", "Bulwark (scan --export-vex)");
        doc.set("statements", statements);
        List<ValidationMessage> problems = OpenVexSchema.validate(doc);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("export would not be valid OpenVEX: " + OpenVexSchema.describe(
                    problems.getFirst()));
        }
        return new Export(doc, statements.size(), covered, skipped);
    }

    /** Builds and atomically writes the document to {@code target}. */
    public Export write(ScanReport report, String author, Path target) throws IOException {
        Export e = export(report, author);
        byte[] bytes = json.writeValueAsBytes(e.document());
        AtomicFiles.write(target, out -> {
            out.write(bytes);
            out.write('\n');
        });
        return e;
    }

    /** The status part of a finding's statement (no vulnerability, no products). */
    private ObjectNode statement(Finding f) {
        Ignore ig = f.ignore();
        ObjectNode st = json.createObjectNode();
        VexSuppression v = ig.vex();
        if (v == null) {
            st.put("status", VexStatus.NOT_AFFECTED.openVex());
            st.put("impact_statement", "Risk accepted in the Bulwark ignore file: " + ig.reason().strip()
                    + (ig.expires() == null ? "" : " (entry expires " + ig.expires() + ")"));
            st.put("status_notes", "Bulwark ignore-file entry " + ig.matchedId());
            return st;
        }
        st.put("status", v.status());
        if (v.timestamp() != null) {
            st.put("timestamp", v.timestamp().toString());
        }
        String justification = v.openVexJustification();
        String impact = v.impactStatement();
        if (v.justification() != null && justification == null) {
            impact = (impact == null ? "" : impact.strip() + " ") + "(" + v.format() + " justification: "
                    + v.justification() + ")";
        }
        if (VexStatus.NOT_AFFECTED.openVex().equals(v.status())) {
            if (justification != null) {
                st.put("justification", justification);
            }
            if (impact == null && justification == null) {
                impact = "Not affected according to " + v.document();
            }
        }
        if (impact != null) {
            st.put("impact_statement", impact);
        }
        st.put("status_notes", "From " + v.format() + " document " + v.document());
        return st;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The document as JSON text (for previews and tests). */
    public String toJson(JsonNode doc) throws IOException {
        return json.writeValueAsString(doc);
    }
}
