package dev.bulwark.scan.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one layer holds that matters for the inventory: its package record files (already parsed, small), the
 * os-release candidates, and the paths it deletes. Never the layer's bytes.
 */
final class LayerContents {
    /**
     * One recognised file of a layer.
     *
     * @param path       path inside the image
     * @param packages   the packages it records (empty for os-release)
     * @param text       os-release content, else null
     * @param linkTarget symlink target for an os-release symlink, else null
     */
    record FoundFile(String path, List<RawPackage> packages, String text, String linkTarget) {
    }

    final String name;
    final Map<String, FoundFile> files = new TreeMap<>();
    final List<String> whiteouts = new ArrayList<>();
    final List<String> opaqueDirs = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    int moreErrors;
    /** False when reading stopped early (corrupt stream, limit): the files after that point were not seen. */
    boolean complete = true;
    int entries;
    long bytes;
    /** A compression this version cannot read ({@code "zstd"}): the layer was not scanned. Else null. */
    String compression;

    LayerContents(String name) {
        this.name = name;
    }

    void error(String message, int max) {
        if (errors.size() < max) {
            errors.add(message);
        } else {
            moreErrors++;
        }
    }
}
