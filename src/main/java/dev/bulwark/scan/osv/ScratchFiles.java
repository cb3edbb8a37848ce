package dev.bulwark.scan.osv;

import dev.bulwark.scan.model.Ecosystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scratch an import writes inside the database folder, and its removal. An import spools parsed records to
 * {@code <db>/.import-*.spool} and builds each ecosystem in a {@code <db>/<ecosystem>/gen-*} folder before
 * swapping it in; an import that is killed leaves them behind. They are removed under the {@link ImportLock}:
 * when the lock is free, no import is writing them.
 */
final class ScratchFiles {
    static final String GENERATION_PREFIX = "gen-";
    private static final String SPOOL_PREFIX = ".import-";
    private static final String SPOOL_SUFFIX = ".spool";
    /** {@link dev.bulwark.util.AtomicFiles}'s temporary sibling of {@code CURRENT}. */
    private static final String CURRENT_TEMP_PREFIX = "." + OsvStore.CURRENT + ".";

    private ScratchFiles() {
    }

    /** A fresh spool file name in {@code dir}. */
    static Path newSpool(Path dir, Clock clock) {
        return dir.resolve(SPOOL_PREFIX + clock.millis() + "-" + Long.toHexString(System.nanoTime()) + SPOOL_SUFFIX);
    }

    /** A fresh generation folder name. */
    static String newGeneration(Clock clock) {
        return GENERATION_PREFIX + clock.millis() + "-" + Long.toHexString(System.nanoTime());
    }

    /**
     * Deletes every spool file of {@code store}'s folder and, in each ecosystem folder, every generation that
     * {@code CURRENT} does not name and any half-written {@code CURRENT}. Call it only while holding the lock.
     *
     * @return how many files and folders were removed
     */
    static int sweep(OsvStore store) throws IOException {
        int removed = 0;
        try (Stream<Path> s = Files.list(store.dir())) {
            for (Path p : s.filter(ScratchFiles::isSpool).toList()) {
                removed += Files.deleteIfExists(p) ? 1 : 0;
            }
        }
        for (Ecosystem eco : Ecosystem.values()) {
            Path ecoDir = store.ecosystemDir(eco);
            if (!Files.isDirectory(ecoDir)) {
                continue;
            }
            Optional<String> current = store.currentGenerationName(eco);
            List<Path> stale;
            try (Stream<Path> s = Files.list(ecoDir)) {
                stale = s.filter(p -> isLeftover(p, current)).toList();
            }
            for (Path p : stale) {
                deleteTree(p);
                removed++;
            }
        }
        return removed;
    }

    private static boolean isSpool(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(SPOOL_PREFIX) && name.endsWith(SPOOL_SUFFIX) && Files.isRegularFile(p);
    }

    private static boolean isLeftover(Path p, Optional<String> current) {
        String name = p.getFileName().toString();
        if (name.startsWith(GENERATION_PREFIX) && Files.isDirectory(p)) {
            return current.map(c -> !c.equals(name)).orElse(true);
        }
        return name.startsWith(CURRENT_TEMP_PREFIX) && name.endsWith(".tmp");
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
