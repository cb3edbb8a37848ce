package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.model.UnpinnedRequirement;
import java.nio.file.Path;
import java.util.List;

/**
 * What one manifest yielded.
 *
 * @param file     the manifest
 * @param format   the format name (one of {@link ManifestScanner#supportedFormats()}), or {@code "unknown"}
 * @param packages resolved packages with exact versions, in file order
 * @param unpinned requirements without an exact version: listed, never guessed
 * @param errors   problems; a file that could not be parsed at all has an error and no packages
 * @param notes    plain statements about what was deliberately not done (skipped local packages,
 *                 unresolved remote parents, unevaluated markers, ...)
 * @param parsed   true when the file was read as its format (single entries may still have failed); false when it
 *                 could not be read at all (too large, binary, unknown format, broken)
 */
public record ManifestResult(Path file, String format, List<PackageRef> packages,
                             List<UnpinnedRequirement> unpinned, List<ScanError> errors, List<String> notes,
                             boolean parsed) {
    public ManifestResult {
        packages = List.copyOf(packages);
        unpinned = List.copyOf(unpinned);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    /** A result for a file that could not be parsed at all. */
    static ManifestResult failed(Path file, String format, ScanError error) {
        return new ManifestResult(file, format, List.of(), List.of(), List.of(error), List.of(), false);
    }
}
