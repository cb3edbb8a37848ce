package dev.bulwark.ui.overview;

import dev.bulwark.ui.TaskRunner;
import dev.bulwark.util.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "No advisory data" card's state: the database's actions plus what the user picked to import and its size.
 * FX thread; the picked files are measured off it (a stat can block on a slow or network file system).
 */
public final class FirstRunImport {
    private static final Logger LOG = LoggerFactory.getLogger(FirstRunImport.class);

    private final AdvisoryActions actions;
    private final TaskRunner tasks;
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private int generation;

    FirstRunImport(AdvisoryActions actions, TaskRunner tasks) {
        this.actions = Objects.requireNonNull(actions);
        this.tasks = Objects.requireNonNull(tasks);
    }

    /** The picked files' total size, or why one's size is unknown. */
    private record Size(long bytes, String unknown) {
        static Size of(List<Path> files) {
            long bytes = 0;
            String unknown = null;
            for (Path f : files) {
                try {
                    bytes += Files.isRegularFile(f) ? Files.size(f) : 0;
                } catch (IOException e) {
                    // The import reports the file itself; here the user still learns why the size is missing.
                    LOG.warn("cannot read the size of {}", f, e);
                    unknown = f.getFileName() + ": " + Errors.rootMessage(e);
                }
            }
            return new Size(bytes, unknown);
        }
    }

    /**
     * Imports the dump files the user picked (in the background) and says what was picked at once, then how big
     * it is once measured through the {@link TaskRunner}. Nothing for no files.
     */
    public void importDumps(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        List<Path> picked = List.copyOf(files);
        String what = picked.size() == 1 ? picked.getFirst().getFileName().toString() : picked.size() + " files";
        int gen = ++generation;
        note.set("Picked " + what + ".");
        actions.importDumps(picked);
        tasks.run("measure the picked dumps", () -> Size.of(picked), size -> {
            if (gen == generation) { // a later pick's note stands
                note.set("Picked " + what + " (" + (size.unknown() == null ? OverviewText.bytes(size.bytes())
                        : "size unknown, " + size.unknown()) + ").");
            }
        }, e -> {
            if (gen == generation) {
                note.set("Picked " + what + " (size unknown, " + Errors.rootMessage(e) + ").");
            }
        });
    }

    /** The database's own actions and state (download, size check, progress). */
    public AdvisoryActions actions() {
        return actions;
    }

    /** {@code Picked all.zip (2.6 MiB).} after the user picked files (the size once measured), else empty. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }
}
