package dev.bulwark.ui.scan;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The native file dialogs the view opens; tests supply their own answers. */
public interface ScanPickers {
    /** A folder, e.g. to scan or to export into. */
    Optional<Path> folder(Window owner, String title);

    /** One manifest file to scan. */
    Optional<Path> manifest(Window owner);

    /** OSV dumps (zip or JSON) to import. */
    List<Path> dumps(Window owner);

    /** OpenVEX / CycloneDX VEX documents to apply to scans. */
    default List<Path> vexFiles(Window owner) {
        return openMany(owner, "VEX documents (OpenVEX, CycloneDX)",
                new FileChooser.ExtensionFilter("VEX documents", "*.json", "*.xml"));
    }

    /** Where to save an exported OpenVEX document. */
    default Optional<Path> vexTarget(Window owner) {
        FileChooser c = new FileChooser();
        c.setTitle("Export ignore decisions as OpenVEX");
        c.setInitialFileName("bulwark.openvex.json");
        return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
    }

    /** An image archive ({@code docker save} output or an OCI layout tar, plain or gzip) to scan. */
    default Optional<Path> imageArchive(Window owner) {
        FileChooser c = new FileChooser();
        c.setTitle("Image archive to scan (docker save, OCI layout)");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Image archives", "*.tar", "*.tar.gz", "*.tgz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
    }

    /** An image reference (tag or id) to export from the engines, which are named in the prompt. */
    default Optional<String> imageReference(Window owner, List<String> engines) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
        d.initOwner(owner);
        d.setTitle("Scan an image");
        d.setHeaderText("Image tag or id to export and scan, from " + (engines.isEmpty() ? "no connected engine"
                : engines.size() == 1 ? "engine " + engines.getFirst()
                : "the first of " + String.join(", ", engines) + " that has it"));
        d.setContentText("Image:");
        d.getDialogPane().setId("image-reference-dialog");
        d.getEditor().setId("image-reference");
        d.getEditor().setPromptText("nginx:1.25 or sha256:…");
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The platform's dialogs. */
    static ScanPickers system() {
        return new ScanPickers() {
            @Override
            public Optional<Path> folder(Window owner, String title) {
                DirectoryChooser c = new DirectoryChooser();
                c.setTitle(title);
                return Optional.ofNullable(c.showDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> manifest(Window owner) {
                FileChooser c = new FileChooser();
                c.setTitle("Manifest or lockfile to scan");
                return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public List<Path> dumps(Window owner) {
                return openMany(owner, "OSV dumps to import",
                        new FileChooser.ExtensionFilter("OSV dumps", "*.zip", "*.json"));
            }
        };
    }

    /** A multiple-file open dialog offering {@code filter} and "All files". */
    private static List<Path> openMany(Window owner, String title, FileChooser.ExtensionFilter filter) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(filter, new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = c.showOpenMultipleDialog(owner);
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }
}
