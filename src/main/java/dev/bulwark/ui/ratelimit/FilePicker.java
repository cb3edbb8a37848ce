package dev.bulwark.ui.ratelimit;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** Asks the user for a file; a seam so TestFX tests can answer without a native dialog. */
@FunctionalInterface
public interface FilePicker {

    /**
     * @param save       true for a save dialog
     * @param suggested  initial file name for saving, or null
     * @param extensions accepted extensions without the dot, e.g. {@code yaml}
     */
    Optional<Path> pick(Window owner, String title, boolean save, String suggested, String... extensions);

    /** The platform's file chooser. */
    static FilePicker system() {
        return (owner, title, save, suggested, extensions) -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle(title);
            String[] patterns = java.util.Arrays.stream(extensions).map(e -> "*." + e).toArray(String[]::new);
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(
                    String.join(", ", patterns), patterns));
            if (suggested != null) {
                chooser.setInitialFileName(suggested);
            }
            java.io.File f = save ? chooser.showSaveDialog(owner) : chooser.showOpenDialog(owner);
            return Optional.ofNullable(f).map(java.io.File::toPath);
        };
    }
}
