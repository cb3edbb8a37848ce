package dev.bulwark.scan.vex;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.Parser;
import org.cyclonedx.parsers.XmlParser;

/**
 * Reads a CycloneDX VEX (or BOM with vulnerabilities), JSON or XML, after validating it against the CycloneDX
 * schema of its {@code specVersion} (shipped with cyclonedx-core-java). A violation rejects the file.
 * <p>
 * {@code vulnerabilities[].id} and every {@code references[].id} identify the vulnerability.
 * {@code affects[].ref} is resolved to a purl: a {@code bom-ref} of a component in the document (its purl), a
 * BOM-Link ({@code urn:cdx:serial/version#ref}, whose fragment is a bom-ref of this document or a purl), or a purl.
 * Refs that resolve to no purl (e.g. an application component without purl) cannot match a package and are
 * reported as a warning. {@code analysis.state} maps per {@link VexStatus#ofCycloneDx}; {@code analysis.detail} is the
 * impact statement; the time is {@code analysis.lastUpdated}, else {@code updated}, else
 * {@code analysis.firstIssued}, else {@code metadata.timestamp}.
 */
final class CycloneDxVexReader {
    private static final Pattern XML_NS = Pattern.compile("http://cyclonedx\\.org/schema/bom/(1\\.\\d)");

    ParsedDocument read(Path file, byte[] bytes, boolean xml, String specVersion) {
        Parser parser = xml ? new XmlParser() : new JsonParser();
        String declared = specVersion;
        if (xml) {
            Matcher m = XML_NS.matcher(new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8));
            declared = m.find() ? m.group(1) : null;
        }
        Version version = declared == null ? null : Version.fromVersionString(declared);
        if (version == null) {
            return ParsedDocument.rejected((xml ? "xmlns" : "/specVersion") + ": unknown CycloneDX version \""
                    + declared + "\"");
        }
        Bom bom;
        try {
            List<ParseException> problems = parser.validate(bytes, version);
            if (!problems.isEmpty()) {
                return ParsedDocument.rejected("not valid CycloneDX " + declared + ": "
                        + pointer(problems.getFirst().getMessage())
                        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
            }
            bom = parser.parse(bytes);
        } catch (IOException | ParseException e) {
            return ParsedDocument.rejected("cannot read CycloneDX: " + e.getMessage());
        }
        Map<String, String> purlByRef = new HashMap<>();
        if (bom.getMetadata() != null && bom.getMetadata().getComponent() != null) {
            index(List.of(bom.getMetadata().getComponent()), purlByRef);
        }
        index(bom.getComponents(), purlByRef);
        String docId = bom.getSerialNumber() != null ? bom.getSerialNumber() : file.getFileName().toString();
        VexSource source = new VexSource(file, docId, VexSource.CYCLONEDX, null);
        Instant docTime = bom.getMetadata() == null ? null : instant(bom.getMetadata().getTimestamp());
        List<VexStatement> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Vulnerability> vulns = bom.getVulnerabilities() == null ? List.of() : bom.getVulnerabilities();
        if (vulns.isEmpty()) {
            return ParsedDocument.rejected("/vulnerabilities: none: a CycloneDX BOM without vulnerabilities is not a VEX");
        }
        Set<String> unresolved = new LinkedHashSet<>();
        int unmatchable = 0;
        for (int i = 0; i < vulns.size(); i++) {
            Vulnerability v = vulns.get(i);
            String at = "/vulnerabilities/" + i;
            Vulnerability.Analysis a = v.getAnalysis();
            String state = a == null || a.getState() == null ? null : a.getState().getStateName();
            Optional<VexStatus> status = VexStatus.ofCycloneDx(state);
            if (v.getId() == null || v.getId().isBlank()) {
                warnings.add(at + "/id: missing; not applied");
                continue;
            }
            if (status.isEmpty()) {
                warnings.add(at + "/analysis/state: missing; " + v.getId() + " not applied");
                continue;
            }
            Set<String> ids = new LinkedHashSet<>();
            ids.add(v.getId());
            if (v.getReferences() != null) {
                v.getReferences().stream().map(Vulnerability.Reference::getId).filter(r -> r != null && !r.isBlank())
                        .forEach(ids::add);
            }
            Set<String> products = new LinkedHashSet<>();
            for (Vulnerability.Affect affect : v.getAffects() == null ? List.<Vulnerability.Affect>of()
                    : v.getAffects()) {
                resolve(affect.getRef(), purlByRef).ifPresentOrElse(products::add, () -> unresolved.add(affect.getRef()));
            }
            if (products.isEmpty()) {
                unmatchable++;
            }
            String justification = a.getJustification() != null ? a.getJustification().getJustificationName()
                    : "false_positive".equals(state) ? "false_positive" : null;
            String responses = a.getResponses() == null || a.getResponses().isEmpty() ? null : a.getResponses()
                    .stream().map(Vulnerability.Analysis.Response::getResponseName).collect(Collectors.joining(", "));
            Instant when = first(instant(a.getLastUpdated()), instant(v.getUpdated()), instant(a.getFirstIssued()),
                    docTime);
            out.add(new VexStatement(v.getId(), List.copyOf(ids), List.copyOf(products), status.get(), justification,
                    blankToNull(a.getDetail()), responses, when, source, 0));
        }
        if (!unresolved.isEmpty() || unmatchable > 0) {
            // One line per document: product-level VEX (an application bom-ref without purl) is common and
            // cannot be tied to a scanned package, so it must not suppress anything.
            warnings.add("/vulnerabilities: " + unmatchable + " of " + vulns.size() + " affect no package purl and "
                    + "are not applied" + (unresolved.isEmpty() ? "" : "; refs without purl ignored: "
                    + abbreviate(unresolved)));
        }
        return new ParsedDocument(out, null, warnings);
    }

    private static String abbreviate(Set<String> refs) {
        List<String> list = List.copyOf(refs);
        return String.join(", ", list.subList(0, Math.min(3, list.size())))
                + (list.size() > 3 ? " and " + (list.size() - 3) + " more" : "");
    }

    private static void index(List<Component> components, Map<String, String> purlByRef) {
        if (components == null) {
            return;
        }
        for (Component c : components) {
            if (c.getBomRef() != null && c.getPurl() != null) {
                purlByRef.put(c.getBomRef(), c.getPurl());
            }
            index(c.getComponents(), purlByRef);
        }
    }

    private static Optional<String> resolve(String ref, Map<String, String> purlByRef) {
        if (ref == null) {
            return Optional.empty();
        }
        String r = ref;
        if (r.startsWith("urn:cdx:") && r.contains("#")) {
            r = URLDecoder.decode(r.substring(r.indexOf('#') + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        String purl = purlByRef.getOrDefault(r, r);
        return PurlKey.parse(purl).map(k -> purl);
    }

    /** cyclonedx-core-java reports a JSONPath ({@code $.a[0].b: ...}); show it as a JSON pointer like OpenVEX. */
    static String pointer(String message) {
        Matcher m = Pattern.compile("^\\$((?:\\.[^.\\[:\\s]+|\\[\\d+])*)").matcher(message);
        if (!m.find()) {
            return message;
        }
        String path = m.group(1).replaceAll("\\[(\\d+)]", "/$1").replace('.', '/');
        return (path.isEmpty() ? "/" : path) + message.substring(m.end());
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
