package dev.bulwark.ui.overview;

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

/** The "No advisory data" card's state: the database's actions plus what the user picked to import and its size. */
public final class FirstRunImport {
    private static final Logger LOG = LoggerFactory.getLogger(FirstRunImport.class);

    private final AdvisoryActions actions;
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");

    FirstRunImport(AdvisoryActions actions) {
        this.actions = Objects.requireNonNull(actions);
    }

    /**
     * Imports the dump files the user picked and says how big they are (a stat per picked file, right after the
     * file dialog returned on this thread); the import itself runs in the background. Nothing for no files.
     */
    public void importDumps(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
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
        note.set("Picked " + (files.size() == 1 ? files.getFirst().getFileName().toString()
                : files.size() + " files") + " (" + (unknown == null ? OverviewText.bytes(bytes)
                : "size unknown, " + unknown) + ").");
        actions.importDumps(files);
    }

    /** The database's own actions and state (download, size check, progress). */
    public AdvisoryActions actions() {
        return actions;
    }

    /** {@code Picked all.zip (2.6 MiB).} after the user picked files, else empty. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }
}
