package dev.bulwark.ui.scan;

import dev.bulwark.scan.ScanSession;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.image.ImageExporter;
import dev.bulwark.scan.image.ImageInventory;
import dev.bulwark.scan.image.ImageScanner;
import dev.bulwark.scan.image.ImageSource;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.report.ScanReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The background part of a Vulnerabilities scan, off the FX thread: folders and manifests, or an image, matched
 * with the chosen backends and VEX documents and remembered in the scan history. Interrupting the thread cancels.
 */
final class ScanJobs {
    /** A finished scan and its history entry. */
    record Completed(ScanReport report, ScanHistory.Entry entry) {
    }

    private final ScanServices services;

    ScanJobs(ScanServices services) {
        this.services = services;
    }

    /** Scans folders and manifests; {@code fileSeen} hears of each manifest parsed (on this thread). */
    Completed folders(List<Path> roots, Set<String> backends, List<Path> vexFiles, Consumer<Path> fileSeen)
            throws Exception {
        for (Path r : roots) {
            if (!Files.exists(r)) {
                throw new IOException("no such file or folder: " + r);
            }
        }
        ScanReport result;
        try (ScanSession session = new ScanSession(services.checkedDatabase(backends),
                services.options(backends, vexFiles), new ManifestScanner())) {
            result = session.scan(roots, fileSeen::accept);
        }
        return remember(result);
    }

    /**
     * Reads and scans an image, an image archive or a root file system with layer progress; the per-user image
     * ignore file applies.
     */
    Completed image(ImageSource source, ImageExporter engines, Set<String> backends, List<Path> vexFiles,
                    ImageScanner.Progress progress) throws Exception {
        var db = services.checkedDatabase(backends);
        ImageInventory inventory = source.read(new ImageScanner(), engines, progress);
        ScanReport result;
        try (ScanSession session = new ScanSession(db, services.options(backends, vexFiles), new ManifestScanner())) {
            result = session.scanImage(inventory, services.imageIgnoreFile());
        }
        return remember(result);
    }

    private Completed remember(ScanReport result) throws Exception {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        return new Completed(result, services.history().add(result));
    }
}
