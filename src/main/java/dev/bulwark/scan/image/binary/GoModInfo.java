package dev.bulwark.scan.image.binary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the module info text of a Go binary (what {@code go version -m} prints after the version line):
 * tab-separated lines {@code path}, {@code mod} (main module), {@code dep} (a dependency), {@code =>} (replacement of
 * the module on the previous line) and {@code build} (build settings, ignored here).
 *
 * <p>Replacements: a module that was replaced is reported under its replacement's path and version, because that
 * is the code actually compiled in. This is what osv-scanner (osv-scalibr's Go binary extractor) does;
 * {@code go version -m} prints both lines. A replacement by a local directory (e.g. {@code => ./fork}) therefore
 * yields the directory as name and the version the binary records for it ({@code (devel)} with current toolchains),
 * which matches no advisory: the original version would be a guess about code that is not in the binary.
 */
final class GoModInfo {
    private GoModInfo() {
    }

    /** Builds the inventory from the toolchain version and module info text (sentinels removed). */
    static BinaryInventory parse(String toolchain, String modinfo) throws IOException {
        BinaryModule main = null;
        List<BinaryModule> deps = new ArrayList<>();
        // Index of the module the next "=>" line replaces: -1 = main, >= 0 = deps[i], MIN_VALUE = none.
        int last = Integer.MIN_VALUE;
        String[] lines = modinfo.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.startsWith("mod\t")) {
                main = module(line.substring(4), n, "mod");
                last = -1;
            } else if (line.startsWith("dep\t")) {
                deps.add(module(line.substring(4), n, "dep"));
                last = deps.size() - 1;
            } else if (line.startsWith("=>\t")) {
                String[] f = line.substring(3).split("\t", -1);
                if (f.length != 3) {
                    throw new IOException("Go module info line " + (n + 1) + ": replacement needs 3 columns, got "
                            + f.length);
                }
                if (last == Integer.MIN_VALUE) {
                    throw new IOException("Go module info line " + (n + 1) + ": replacement with no module before it");
                }
                if (!f[0].isEmpty()) {
                    BinaryModule replacement = new BinaryModule(f[0], f[1]);
                    if (last == -1) {
                        main = replacement;
                    } else {
                        deps.set(last, replacement);
                    }
                }
                last = Integer.MIN_VALUE;
            }
            // "path", "build" and unknown future lines carry no module; Go's own parser also tolerates blank lines.
        }
        return new BinaryInventory(BinaryInventory.GO, toolchain, main, deps);
    }

    /** "path\tversion[\tsum]" as Go's runtime/debug parser accepts it. */
    private static BinaryModule module(String rest, int n, String kind) throws IOException {
        String[] f = rest.split("\t", -1);
        if (f.length != 2 && f.length != 3) {
            throw new IOException("Go module info line " + (n + 1) + " (" + kind + "): expected 2 or 3 columns, got "
                    + f.length);
        }
        if (f[0].isEmpty()) {
            throw new IOException("Go module info line " + (n + 1) + " (" + kind + "): empty module path");
        }
        return new BinaryModule(f[0], f[1]);
    }
}
