package dev.bulwark.scan.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port to container engines for image scans: an image's {@code docker save} stream and its layer count, by
 * engine name. The CLI adapts the engines of its options, the GUI the container monitor's.
 */
public interface ImageExporter {
    /** No engine: image references cannot be exported. */
    ImageExporter NONE = new ImageExporter() {
        @Override
        public List<String> engines() {
            return List.of();
        }

        @Override
        public InputStream save(String engine, String reference) {
            throw new IllegalStateException("no container engine");
        }

        @Override
        public int layerCount(String engine, String reference) {
            return -1;
        }
    };

    /** The engines to try, in order. */
    List<String> engines();

    /**
     * Streams {@code reference} (tag or id) from {@code engine}; the caller closes it.
     *
     * @throws RuntimeException (the engine's own exception) when the engine refuses or does not know the image
     */
    InputStream save(String engine, String reference);

    /** The image's layer count, -1 when unknown (progress then has no total). */
    int layerCount(String engine, String reference);

    /**
     * Reads {@code reference} from the first engine that exports it, with layer progress; interrupting the calling
     * thread cancels (the export is closed).
     *
     * @throws IOException naming every engine's refusal when none exports it, or when the archive is unreadable
     */
    default ImageInventory scan(String reference, ImageScanner scanner, ImageScanner.Progress progress)
            throws IOException {
        Logger log = LoggerFactory.getLogger(ImageExporter.class);
        List<String> failures = new ArrayList<>();
        for (String engine : engines()) {
            // The layer count (an image inspect) only feeds progress: it is asked for while the engine prepares the
            // export (the bulk of a small image's time to first byte), not as one more round trip once it has begun.
            FutureTask<Integer> count = new FutureTask<>(() -> layerCount(engine, reference));
            Thread counting = Thread.ofVirtual().name("image-layer-count").start(count);
            InputStream in;
            try {
                in = save(engine, reference);
            } catch (RuntimeException e) {
                log.info("image {} not exported by {}", reference, engine, e);
                failures.add(engine + ": " + e.getMessage());
                awaitQuietly(counting);
                continue;
            }
            try (in) {
                int total;
                try {
                    total = count.get();
                } catch (ExecutionException e) {
                    log.debug("layer count of {} on {} unknown", reference, engine, e.getCause());
                    total = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    counting.interrupt();
                    throw new InterruptedIOException("image scan cancelled");
                }
                return scanner.scanArchive(in, reference + " (" + engine + ")", reference, total, progress);
            }
        }
        throw new IOException("cannot export image " + reference + ": "
                + (failures.isEmpty() ? "no engine configured" : String.join("; ", failures)));
    }

    /** Waits for a helper thread of a failed attempt, so none outlives the scan; an interrupt is kept. */
    private static void awaitQuietly(Thread helper) {
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
