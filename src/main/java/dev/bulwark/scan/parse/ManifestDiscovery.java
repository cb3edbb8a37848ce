package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.ScanError;
import dev.bulwark.util.LazyLogger;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Finds manifests under roots: recursive, in sorted (deterministic) order, skipping dependency and
 * build folders, and never following a symbolic link that leads outside its root.
 */
final class ManifestDiscovery {
    /** Folders never descended into: VCS metadata, installed dependencies, build output. */
    static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules", "target", "venv", ".venv",
            "vendor", "__pycache__", ".tox");

    private static final Logger LOG = LazyLogger.of(ManifestDiscovery.class);

    /**
     * Files to parse in order (a root that is a file is taken whatever its name), plus problems met on the
     * way (missing roots, unreadable folders).
     */
    record Found(List<Path> files, List<ScanError> problems) {
    }

    private final Predicate<String> isManifestName;

    ManifestDiscovery(Predicate<String> isManifestName) {
        this.isManifestName = isManifestName;
    }

    Found discover(List<Path> roots) {
        List<Path> out = new ArrayList<>();
        List<ScanError> problems = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path root : roots) {
            Path abs = root.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                problems.add(new ScanError(abs, 0, "discovery", "no such file or folder"));
                continue;
            }
            try {
                Path realRoot = abs.toRealPath();
                if (Files.isDirectory(realRoot)) {
                    walk(abs, realRoot, out, problems, seen, new HashSet<>());
                } else if (seen.add(realRoot)) {
                    out.add(abs);
                }
            } catch (IOException e) {
                problems.add(new ScanError(abs, 0, "discovery", "cannot read: " + e));
            }
        }
        return new Found(out, problems);
    }

    private void walk(Path dir, Path realRoot, List<Path> out, List<ScanError> problems, Set<Path> seen,
                      Set<Path> visitedDirs) {
        Path realDir;
        try {
            realDir = dir.toRealPath();
        } catch (IOException e) {
            problems.add(new ScanError(dir, 0, "discovery", "cannot resolve folder: " + e));
            return;
        }
        if (!visitedDirs.add(realDir)) {
            return; // a link back into an already visited folder
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            problems.add(new ScanError(dir, 0, "discovery", "cannot list folder: " + e));
            return;
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (Files.isSymbolicLink(entry) && !followable(entry, realRoot)) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                if (!SKIPPED_DIRS.contains(name)) {
                    walk(entry, realRoot, out, problems, seen, visitedDirs);
                }
            } else if (Files.isRegularFile(entry) && isManifestName.test(name)) {
                try {
                    if (seen.add(entry.toRealPath())) {
                        out.add(entry);
                    }
                } catch (IOException e) {
                    problems.add(new ScanError(entry, 0, "discovery", "cannot resolve file: " + e));
                }
            }
        }
    }

    /** Whether to follow {@code link}: only into the root; says why not (outside, a loop, dangling) once. */
    private static boolean followable(Path link, Path realRoot) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            LOG.warn("skipping dangling symbolic link {}: its target does not exist", link);
            return false;
        } catch (IOException e) {
            if (SymbolicLinks.loops(link)) {
                LOG.warn("not following symbolic link {}: it loops (following it leads back to itself)", link);
            } else {
                LOG.warn("skipping symbolic link {}: cannot resolve it: {}", link, e.toString());
            }
            return false;
        }
        if (!target.startsWith(realRoot)) {
            LOG.warn("not following symbolic link {}: it leads outside the scan root {}", link, realRoot);
            return false;
        }
        return true;
    }
}
