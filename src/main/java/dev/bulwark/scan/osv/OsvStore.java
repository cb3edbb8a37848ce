package dev.bulwark.scan.osv;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.model.Ecosystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local advisory database folder. Each ecosystem lives in {@code <dir>/<ecosystem>/}, whose
 * {@code CURRENT} file names the complete generation folder in use; imports write a new generation and
 * then swap {@code CURRENT} atomically, so readers never see a half-built index.
 */
public final class OsvStore {
    static final String CURRENT = "CURRENT";

    private final Path dir;
    private final ObjectMapper mapper;
    private final Map<Ecosystem, Optional<EcosystemIndex>> open = new EnumMap<>(Ecosystem.class);

    public OsvStore(Path dir, ObjectMapper mapper) {
        this.dir = dir;
        this.mapper = mapper;
    }

    public Path dir() {
        return dir;
    }

    /** The ecosystem's index, opened on first use; empty when never imported. */
    public synchronized Optional<EcosystemIndex> index(Ecosystem ecosystem) {
        return open.computeIfAbsent(ecosystem, e -> {
            try {
                return currentGeneration(e).map(g -> {
                    try {
                        return EcosystemIndex.open(g, mapper);
                    } catch (IOException ex) {
                        throw new UncheckedIOException("cannot open the " + e + " database at " + g, ex);
                    }
                });
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read " + ecosystemDir(e).resolve(CURRENT), ex);
            }
        });
    }

    /** The manifest of the ecosystem's current data, read without opening the index. */
    public Optional<EcosystemManifest> manifest(Ecosystem ecosystem) throws IOException {
        Optional<Path> g = currentGeneration(ecosystem);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(mapper.readValue(g.get().resolve(EcosystemIndex.MANIFEST).toFile(), EcosystemManifest.class));
    }

    /** Forgets opened indexes, so the next lookup sees a newer import. */
    public synchronized void refresh() {
        open.clear();
    }

    Path ecosystemDir(Ecosystem ecosystem) {
        return dir.resolve(ecosystem.key());
    }

    Optional<Path> currentGeneration(Ecosystem ecosystem) throws IOException {
        Path pointer = ecosystemDir(ecosystem).resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        Path generation = ecosystemDir(ecosystem).resolve(name).normalize();
        if (name.isEmpty() || !generation.getParent().equals(ecosystemDir(ecosystem).normalize())
                || !Files.isRegularFile(generation.resolve(EcosystemIndex.MANIFEST))) {
            throw new IOException(pointer + " names a missing or invalid generation \"" + name + "\"");
        }
        return Optional.of(generation);
    }
}
