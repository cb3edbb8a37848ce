package dev.bulwark.scan.vex;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Location;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.match.SeverityAssessment;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Small findings and VEX documents for the pure-logic tests. */
final class VexFixtures {
    private VexFixtures() {
    }

    /** A HIGH finding {@code ids[0]} with aliases {@code ids[1..]} in {@code name} {@code version}. */
    static Finding finding(Ecosystem eco, String name, String version, String... ids) {
        return new Finding(eco, name, version, List.of(new Location(Path.of("requirements.txt"), 3,
                Relationship.DIRECT, false)), ids[0], Arrays.asList(ids).subList(1, ids.length),
                new SeverityAssessment(Severity.HIGH, 7.5, null, "test"), "summary", List.of(), null, List.of("test"),
                null, List.of(), List.of(), null);
    }

    /** Writes an OpenVEX v0.2.0 document with the given statements (JSON objects as text). */
    static Path openVex(Path dir, String name, String... statements) throws IOException {
        String doc = """
                {"@context": "https://openvex.dev/ns/v0.2.0",
                 "@id": "https://example.com/vex/%s",
                 "author": "Test Author", "timestamp": "2024-01-01T00:00:00Z", "version": 1,
                 "statements": [%s]}
                """.formatted(name, String.join(",", statements));
        return Files.writeString(dir.resolve(name), doc);
    }

    /** One statement about {@code vuln} and {@code purl}. */
    static String statement(String vuln, String purl, String status, String extra) {
        return """
                {"vulnerability": {"name": "%s"}, "products": [{"@id": "%s"}], "status": "%s"%s}
                """.formatted(vuln, purl, status, extra.isEmpty() ? "" : ", " + extra);
    }
}
