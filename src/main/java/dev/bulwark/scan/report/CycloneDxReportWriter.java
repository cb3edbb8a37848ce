package dev.bulwark.scan.report;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.VexSuppression;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.model.ImageOrigin;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.util.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.vulnerability.Vulnerability;

/**
 * CycloneDX 1.6 JSON (via cyclonedx-core-java): every scanned package as a component with its purl, every
 * finding as a vulnerability with its CVSS rating, aliases as references and the fix as recommendation.
 */
public final class CycloneDxReportWriter implements ReportWriter {
    @Override
    public void write(ScanReport r, OutputStream out) throws IOException {
        try {
            String json = BomGeneratorFactory.createJson(org.cyclonedx.Version.VERSION_16, toBom(r)).toJsonString(true);
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (org.cyclonedx.exception.GeneratorException e) {
            throw new IOException("cannot generate CycloneDX: " + e.getMessage(), e);
        }
    }

    Bom toBom(ScanReport r) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes((r.generatedAt() + String.join(",", r.roots()))
                .getBytes(StandardCharsets.UTF_8)));
        Metadata md = new Metadata();
        md.setTimestamp(Date.from(r.generatedAt()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("bulwark");
        tool.setVersion(Version.current());
        org.cyclonedx.model.metadata.ToolInformation ti = new org.cyclonedx.model.metadata.ToolInformation();
        ti.setComponents(List.of(tool));
        md.setToolChoice(ti);
        bom.setMetadata(md);

        Map<String, Component> components = new LinkedHashMap<>();
        for (PackageRef p : r.packages()) {
            String ref = ref(p.ecosystem().osvName(), p.name(), p.version());
            Component component = components.computeIfAbsent(ref, k -> {
                Component c = new Component();
                c.setType(Component.Type.LIBRARY);
                c.setBomRef(k);
                c.setName(p.name());
                c.setVersion(p.version());
                Purls.of(p.ecosystem(), p.name(), p.version()).ifPresent(c::setPurl);
                return c;
            });
            if (p.origin() != null) {
                addOrigin(component, p.origin());
            }
        }
        bom.setComponents(new ArrayList<>(components.values()));

        List<Vulnerability> vulns = new ArrayList<>();
        for (Finding f : r.findings()) {
            vulns.add(vulnerability(f, components));
        }
        bom.setVulnerabilities(vulns);
        return bom;
    }

    private static Vulnerability vulnerability(Finding f, Map<String, Component> components) {
        Vulnerability v = new Vulnerability();
        String ref = ref(f.ecosystem().osvName(), f.packageName(), f.version());
        v.setBomRef(f.id() + "@" + ref);
        v.setId(f.id());
        Vulnerability.Source src = new Vulnerability.Source();
        src.setName(f.id().startsWith("CVE-") ? "NVD" : f.id().startsWith("GHSA-") ? "GitHub" : "OSV");
        v.setSource(src);
        v.setDescription(f.summary());
        if (f.firstFixed() != null) {
            v.setRecommendation("Upgrade " + f.packageName() + " to " + f.firstFixed() + " or later.");
        } else {
            v.setRecommendation("No fixed version is known.");
        }
        Vulnerability.Rating rating = new Vulnerability.Rating();
        rating.setSeverity(severity(f.severity().rating()));
        if (f.severity().score() != null) {
            rating.setScore(f.severity().score());
        }
        if (f.severity().vector() != null) {
            rating.setVector(f.severity().vector());
            rating.setMethod(method(f.severity().vector()));
        }
        v.setRatings(List.of(rating));
        List<Vulnerability.Reference> refs = new ArrayList<>();
        for (String alias : f.aliases()) {
            Vulnerability.Reference r = new Vulnerability.Reference();
            r.setId(alias);
            Vulnerability.Source s = new Vulnerability.Source();
            s.setName(alias.startsWith("CVE-") ? "NVD" : alias.startsWith("GHSA-") ? "GitHub" : "OSV");
            r.setSource(s);
            refs.add(r);
        }
        v.setReferences(refs);
        Vulnerability.Affect affect = new Vulnerability.Affect();
        affect.setRef(ref);
        v.setAffects(List.of(affect));
        List<Property> props = new ArrayList<>();
        props.add(property("bulwark:backends", String.join(",", f.backends())));
        if (f.isIgnored()) {
            props.add(property("bulwark:ignored", f.ignore().reason()));
        }
        if (f.isIgnored() && f.ignore().isVex()) {
            v.setAnalysis(analysis(f.ignore().vex()));
            props.add(property("bulwark:vex-document", f.ignore().vex().document()));
        }
        if (f.isInformational()) {
            props.add(property("bulwark:informational", f.informational()));
        }
        v.setProperties(props);
        return v;
    }

    /** The VEX statement as CycloneDX analysis: not_affected stays, fixed is resolved. */
    private static Vulnerability.Analysis analysis(VexSuppression vex) {
        Vulnerability.Analysis a = new Vulnerability.Analysis();
        a.setState("fixed".equals(vex.status()) ? Vulnerability.Analysis.State.RESOLVED
                : Vulnerability.Analysis.State.NOT_AFFECTED);
        String justification = vex.cycloneDxJustification();
        if (justification != null && "not_affected".equals(vex.status())) {
            a.setJustification(Vulnerability.Analysis.Justification.fromString(justification));
        }
        StringBuilder detail = new StringBuilder();
        if (vex.impactStatement() != null) {
            detail.append(vex.impactStatement().strip()).append(' ');
        }
        if (vex.justification() != null && justification == null) {
            detail.append("(justification: ").append(vex.justification()).append(") ");
        }
        detail.append("[VEX ").append(vex.format()).append(' ').append(vex.document()).append(']');
        a.setDetail(detail.toString());
        return a;
    }

    /**
     * The image layer that introduced the component ({@code bulwark:layer}, {@code bulwark:created_by},
     * {@code bulwark:installed}). A package found in several images' layers repeats the names, which CycloneDX
     * property bags allow; an identical origin is not repeated.
     */
    private static void addOrigin(Component c, ImageOrigin o) {
        List<Property> props = c.getProperties() == null ? new ArrayList<>() : new ArrayList<>(c.getProperties());
        boolean known = props.stream().anyMatch(p -> p.getName().equals("bulwark:layer") && p.getValue().equals(o.layer()));
        if (known || o.layer() == null) {
            return;
        }
        props.add(property("bulwark:layer", o.layer()));
        if (o.createdBy() != null) {
            props.add(property("bulwark:created_by", o.createdBy()));
        }
        if (o.installed() != null) {
            props.add(property("bulwark:installed", o.installed()));
        }
        c.setProperties(props);
    }

    private static Property property(String name, String value) {
        Property p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }

    private static String ref(String eco, String name, String version) {
        return eco + "/" + name + "@" + version;
    }

    private static Vulnerability.Rating.Method method(String vector) {
        if (vector.startsWith("CVSS:4.0")) {
            return Vulnerability.Rating.Method.CVSSV4;
        }
        if (vector.startsWith("CVSS:3.1")) {
            return Vulnerability.Rating.Method.CVSSV31;
        }
        return vector.startsWith("CVSS:3.0") ? Vulnerability.Rating.Method.CVSSV3 : Vulnerability.Rating.Method.CVSSV2;
    }

    private static Vulnerability.Rating.Severity severity(Severity s) {
        return switch (s) {
            case CRITICAL -> Vulnerability.Rating.Severity.CRITICAL;
            case HIGH -> Vulnerability.Rating.Severity.HIGH;
            case MEDIUM -> Vulnerability.Rating.Severity.MEDIUM;
            case LOW -> Vulnerability.Rating.Severity.LOW;
            case NONE -> Vulnerability.Rating.Severity.NONE;
            case UNKNOWN -> Vulnerability.Rating.Severity.UNKNOWN;
        };
    }
}
