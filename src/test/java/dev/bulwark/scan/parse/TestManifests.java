package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers: shared real manifests under their original names, committed fixtures, lookups. */
final class TestManifests {
    private static final Pattern SHARED_NAME = Pattern.compile("^.+?_[0-9a-f]{12}_(.+)$");

    private TestManifests() {
    }

    /** Copies {@code shared/manifests/<sharedName>} into {@code dir} under its original file name. */
    static Path shared(Path dir, String sharedName) {
        Path src = SharedData.manifests().resolve(sharedName);
        Matcher m = SHARED_NAME.matcher(sharedName);
        if (!m.matches()) {
            throw new IllegalArgumentException(sharedName);
        }
        try {
            Files.createDirectories(dir);
            return Files.copy(src, dir.resolve(m.group(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A committed fixture under src/test/resources/manifests. */
    static Path fixture(String relative) {
        try {
            return Path.of(TestManifests.class.getResource("/manifests/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no fixture " + relative, e);
        }
    }

    static ManifestResult parse(Path file) {
        List<ManifestResult> results = new ManifestScanner().scan(List.of(file), p -> { });
        if (results.size() != 1) {
            throw new AssertionError("expected one result for " + file + ", got " + results);
        }
        return results.getFirst();
    }

    static Optional<PackageRef> find(ManifestResult r, String name, String version) {
        return r.packages().stream().filter(p -> p.name().equals(name) && p.version().equals(version)).findFirst();
    }

    static PackageRef get(ManifestResult r, String name, String version) {
        return find(r, name, version).orElseThrow(() -> new AssertionError(
                "no " + name + "@" + version + " in " + r.file() + "; packages: " + r.packages().size()));
    }

    /** The 1-based line of the first line in {@code file} containing {@code text}. */
    static int lineOf(Path file, String text) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no '" + text + "' in " + file);
    }
}
