package dev.bulwark.scan.osv;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.util.Errors;
import dev.bulwark.util.LazyLogger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The local advisory database folder. Each ecosystem lives in {@code <dir>/<ecosystem>/}, whose
 * {@code CURRENT} file names the complete generation folder in use; imports write a new generation and
 * then swap {@code CURRENT} atomically, so readers never see a half-built index.
 *
 * <p>A file of the current data that this user may not read fails with an {@link AccessDeniedException} naming
 * that file, before anything is decoded.
 */
public final class OsvStore {
    static final String CURRENT = "CURRENT";
    private static final Logger LOG = LazyLogger.of(OsvStore.class);

    private final Path dir;
    private final Map<Ecosystem, Optional<EcosystemIndex>> open = new EnumMap<>(Ecosystem.class);

    /** The store in {@code dir}; nothing is read before it is asked for. */
    public OsvStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The ecosystem's index, opened on first use; empty when never imported.
     *
     * @throws UncheckedIOException naming the file and the reason when the data cannot be read
     */
    public synchronized Optional<EcosystemIndex> index(Ecosystem ecosystem) {
        return open.computeIfAbsent(ecosystem, e -> {
            try {
                Optional<Path> g = currentGeneration(e);
                return g.isEmpty() ? Optional.empty() : Optional.of(EcosystemIndex.open(g.get()));
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot open the " + e + " database: " + Errors.describe(ex), ex);
            }
        });
    }

    /** The manifest of the ecosystem's current data, read without opening the index. */
    public Optional<EcosystemManifest> manifest(Ecosystem ecosystem) throws IOException {
        Optional<Path> g = currentGeneration(ecosystem);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(readManifest(g.get()));
    }

    EcosystemManifest readManifest(Path generation) throws IOException {
        return ManifestCodec.readGeneration(generation);
    }

    /** Forgets opened indexes, so the next lookup sees a newer import. */
    public synchronized void refresh() {
        open.clear();
    }

    /**
     * Removes what interrupted imports left behind (scratch spools, half-written generations) when no import is
     * running. Never fails: a folder this user cannot write, or one an import is working in, is left as it is.
     *
     * @return how many files and folders were removed
     */
    public int removeLeftovers() {
        try {
            Optional<ImportLock> lock = ImportLock.tryAcquire(dir);
            if (lock.isEmpty()) {
                return 0;
            }
            try (ImportLock held = lock.get()) {
                int removed = ScratchFiles.sweep(this);
                if (removed > 0) {
                    LOG.info("removed {} leftover(s) of interrupted imports in {}", removed, dir);
                }
                return removed;
            }
        } catch (IOException e) {
            LOG.warn("could not remove the leftovers of interrupted imports in {}: {}", dir, Errors.describe(e));
            return 0;
        }
    }

    Path ecosystemDir(Ecosystem ecosystem) {
        return dir.resolve(ecosystem.key());
    }

    /** The name {@code CURRENT} holds, or empty when the ecosystem was never imported. */
    Optional<String> currentGenerationName(Ecosystem ecosystem) throws IOException {
        Path pointer = ecosystemDir(ecosystem).resolve(CURRENT);
        try {
            return Optional.of(Files.readString(pointer, StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    Optional<Path> currentGeneration(Ecosystem ecosystem) throws IOException {
        if (!Files.isDirectory(ecosystemDir(ecosystem))) {
            return Optional.empty();
        }
        Optional<String> current = currentGenerationName(ecosystem);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String name = current.get();
        Path pointer = ecosystemDir(ecosystem).resolve(CURRENT);
        Path generation = ecosystemDir(ecosystem).resolve(name).normalize();
        if (name.isEmpty() || !generation.getParent().equals(ecosystemDir(ecosystem).normalize())) {
            throw new IOException(pointer + " names an invalid generation \"" + name + "\"");
        }
        for (String file : List.of(EcosystemIndex.MANIFEST, EcosystemIndex.TABLE, EcosystemIndex.DATA)) {
            requireReadable(pointer, name, generation.resolve(file));
        }
        return Optional.of(generation);
    }

    private static void requireReadable(Path pointer, String name, Path file) throws IOException {
        try {
            Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IOException(pointer + " names a missing or incomplete generation \"" + name + "\"", e);
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString(), null, "permission denied");
        }
    }
}
