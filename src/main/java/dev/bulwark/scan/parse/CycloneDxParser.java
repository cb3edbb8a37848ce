package dev.bulwark.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * CycloneDX JSON SBOM (any 1.x spec version): every component (nested ones too) with a package URL of a
 * supported type. When {@code metadata.component} and the {@code dependencies} graph are present, the
 * components it depends on directly are marked direct and the others transitive.
 */
final class CycloneDxParser implements ManifestParser {
    static final String FORMAT = "CycloneDX JSON";

    private final Parsing parsing;

    CycloneDxParser(Parsing parsing) {
        this.parsing = parsing;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean accepts(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".cdx.json") || n.equals("bom.json") || n.endsWith(".bom.json") || n.equals("sbom.json")
                || n.endsWith(".sbom.json");
    }

    private record Found(int line, String bomRef, Ecosystem ecosystem, String name, String version, boolean dev) {
    }

    @Override
    public void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException {
        List<Found> found = new ArrayList<>();
        String[] format = {null};
        String[] rootRef = {null};
        Map<String, Integer> skippedTypes = new TreeMap<>();
        int[] noPurl = {0};
        Set<String> directRefs = new HashSet<>();
        List<JsonNode> graph = new ArrayList<>();
        JsonStream.topLevel(parsing.json(), input, FORMAT, (name, p) -> {
            switch (name) {
                case "bomFormat" -> format[0] = p.getValueAsString();
                case "metadata" -> {
                    JsonNode meta = p.readValueAsTree();
                    rootRef[0] = JsonStream.text(meta.path("component"), "bom-ref");
                }
                case "components" -> JsonStream.eachElement(p, (line, node) ->
                        component(line, node, found, skippedTypes, noPurl, sink));
                case "dependencies" -> JsonStream.eachElement(p, (line, node) -> {
                    sink.checkRoom(graph.size() + 1);
                    graph.add(node);
                });
                default -> {
                    return false;
                }
            }
            return true;
        });
        if (!"CycloneDX".equals(format[0])) {
            throw new ManifestFormatException("unknown format: bomFormat is not \"CycloneDX\"; not a CycloneDX SBOM", 1);
        }
        boolean haveGraph = rootRef[0] != null && !graph.isEmpty();
        for (JsonNode dep : graph) {
            if (rootRef[0] != null && rootRef[0].equals(JsonStream.text(dep, "ref"))) {
                dep.path("dependsOn").forEach(d -> directRefs.add(d.asText()));
            }
        }
        for (Found f : found) {
            Relationship rel = !haveGraph ? Relationship.UNKNOWN
                    : directRefs.contains(f.bomRef()) ? Relationship.DIRECT : Relationship.TRANSITIVE;
            sink.add(f.ecosystem(), f.name(), f.version(), f.line(), rel, f.dev());
        }
        skippedTypes.forEach((type, n) -> sink.note(n + " components of purl type '" + type + "' are not in a supported ecosystem"));
        if (noPurl[0] > 0) {
            sink.note(noPurl[0] + " components without a package URL were not checked");
        }
    }

    private static void component(int line, JsonNode node, List<Found> found, Map<String, Integer> skippedTypes,
                                  int[] noPurl, ParseSink sink) {
        String purlText = JsonStream.text(node, "purl");
        if (purlText == null) {
            noPurl[0]++;
        } else {
            Optional<Purl> purl = Purl.parse(purlText);
            if (purl.isEmpty()) {
                sink.error(line, "component has an invalid package URL '" + purlText + "'; skipped");
            } else if (purl.get().ecosystem().isEmpty()) {
                skippedTypes.merge(purl.get().type(), 1, Integer::sum);
            } else if (purl.get().version() == null) {
                sink.unpinned(purl.get().ecosystem().get(), purl.get().osvName(), "no version in purl", line);
            } else {
                Purl pu = purl.get();
                boolean dev = "excluded".equals(JsonStream.text(node, "scope"));
                sink.checkRoom(found.size() + 1);
                found.add(new Found(line, JsonStream.text(node, "bom-ref"), pu.ecosystem().get(), pu.osvName(),
                        pu.version(), dev));
            }
        }
        // Nested components carry no location of their own here: they get their parent's line.
        node.path("components").forEach(child -> component(line, child, found, skippedTypes, noPurl, sink));
    }
}
