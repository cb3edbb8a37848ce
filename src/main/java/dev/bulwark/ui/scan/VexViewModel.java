package dev.bulwark.ui.scan;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * VEX state of the Vulnerabilities view: the VEX files applied to every scan and the author of exported OpenVEX
 * (both persisted through {@code persist} on every change), and whether suppressed findings (VEX-suppressed or
 * ignored) are listed.
 */
public final class VexViewModel {
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final StringProperty author = new SimpleStringProperty(this, "author");
    private final BooleanProperty showSuppressed = new SimpleBooleanProperty(this, "showSuppressed", true);
    private final BiConsumer<List<Path>, String> persist;

    /**
     * @param initial       the persisted VEX files
     * @param initialAuthor the persisted export author
     * @param persist       saves files and author (atomically, e.g. the settings file)
     */
    public VexViewModel(List<Path> initial, String initialAuthor, BiConsumer<List<Path>, String> persist) {
        this.persist = Objects.requireNonNull(persist);
        files.setAll(initial);
        author.set(initialAuthor);
        author.addListener((o, a, b) -> save());
    }

    /** VEX files kept in memory only (tests, and views without settings). */
    public static VexViewModel inMemory() {
        return new VexViewModel(List.of(), "Bulwark", (f, a) -> { });
    }

    public ObservableList<Path> files() {
        return files;
    }

    public StringProperty authorProperty() {
        return author;
    }

    public BooleanProperty showSuppressedProperty() {
        return showSuppressed;
    }

    /** Adds {@code paths} (absolute, without duplicates) and saves. */
    public void add(List<Path> paths) {
        LinkedHashSet<Path> all = new LinkedHashSet<>(files);
        paths.forEach(p -> all.add(p.toAbsolutePath().normalize()));
        files.setAll(all);
        save();
    }

    /** Removes every VEX file and saves. */
    public void clear() {
        files.clear();
        save();
    }

    /** "No VEX file" / "VEX: a.json" / "VEX: 3 files", for the scan card. */
    public StringBinding summary() {
        return Bindings.createStringBinding(() -> files.isEmpty() ? "No VEX file"
                : files.size() == 1 ? "VEX: " + files.getFirst().getFileName() : "VEX: " + files.size() + " files",
                files);
    }

    private void save() {
        persist.accept(List.copyOf(files), author.get());
    }
}
