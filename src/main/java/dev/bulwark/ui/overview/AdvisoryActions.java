package dev.bulwark.ui.overview;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.value.ObservableValue;

/**
 * The advisory database's actions as the Vulnerabilities view offers them (its view-model does the work), for the
 * Overview's first-run card: import dumps the user has, or download them.
 */
public interface AdvisoryActions {
    /** Imports dump zips or OSV JSON files in the background. */
    void importDumps(List<Path> files);

    /** Downloads the dumps from the dump server and imports them. */
    void download();

    /** Asks the dump server what {@link #download()} would transfer. */
    void checkDownloadSize();

    /** {@code size unknown until checked}, {@code 412.3 MB in 31 dumps, as the server announces now}. */
    ObservableValue<String> downloadSize();

    /** True while an import or download runs. */
    ObservableValue<Boolean> busy();

    /** The running import's or download's progress line, or its result. */
    ObservableValue<String> message();
}
