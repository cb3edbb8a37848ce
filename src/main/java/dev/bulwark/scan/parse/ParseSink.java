package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.model.UnpinnedRequirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a parser finds in one manifest (and the files it includes); single-threaded. Bounded: past
 * {@link ParseLimits#maxEntries()} entries it throws {@link TooManyEntriesException}.
 */
final class ParseSink {
    private final Path file;
    private final String format;
    private final int maxEntries;
    private int entries;
    private final List<PackageRef> packages = new ArrayList<>();
    private final List<UnpinnedRequirement> unpinned = new ArrayList<>();
    private final List<ScanError> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ParseSink(Path file, String format, int maxEntries) {
        this.file = file;
        this.format = format;
        this.maxEntries = maxEntries;
    }

    /**
     * For parsers that collect entries before adding them: throws when {@code pending} more would pass the limit.
     */
    void checkRoom(int pending) {
        if ((long) entries + pending > maxEntries) {
            throw new TooManyEntriesException(maxEntries);
        }
    }

    private void count() {
        checkRoom(1);
        entries++;
    }

    Path file() {
        return file;
    }

    void add(Ecosystem ecosystem, String name, String version, int line, Relationship relationship, boolean dev) {
        add(new PackageRef(ecosystem, name, version, file, Math.max(line, 0), relationship, dev));
    }

    void add(PackageRef ref) {
        count();
        packages.add(ref);
    }

    void unpinned(Ecosystem ecosystem, String name, String specifier, Path in, int line) {
        count();
        unpinned.add(new UnpinnedRequirement(ecosystem, name, specifier, in, Math.max(line, 0)));
    }

    void unpinned(Ecosystem ecosystem, String name, String specifier, int line) {
        unpinned(ecosystem, name, specifier, file, line);
    }

    void error(Path in, int line, String message) {
        count();
        errors.add(new ScanError(in, Math.max(line, 0), format, message));
    }

    void error(int line, String message) {
        error(file, line, message);
    }

    void note(String note) {
        notes.add(note);
    }

    ManifestResult result() {
        return new ManifestResult(file, format, packages, unpinned, errors, notes, true);
    }
}
