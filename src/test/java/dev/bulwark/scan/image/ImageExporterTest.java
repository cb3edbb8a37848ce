package dev.bulwark.scan.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageExporter#scan} over the real multi-layer image's {@code docker save} archive ({@link TestImages}): the
 * layer count is asked for while the export is opened, not after it, and feeds progress when it can be had.
 */
class ImageExporterTest {

    @Test
    void theLayerCountIsAskedForWhileTheExportIsOpenedAndFeedsProgress() throws Exception {
        Path archive = TestImages.multiLayer().archive();
        CountDownLatch counting = new CountDownLatch(1);
        ImageExporter exporter = exporter(archive, () -> {
            counting.countDown();
            return 4;
        }, () -> awaitQuietly(counting)); // the export only opens once the count is under way: they overlap
        List<Integer> totals = new ArrayList<>();
        ImageInventory inventory = exporter.scan("img", new ImageScanner(), progress(totals));
        assertThat(inventory.layers()).hasSize(4);
        assertThat(inventory.packages()).isNotEmpty();
        assertThat(totals).isNotEmpty().containsOnly(4);
    }

    @Test
    void anUnknownLayerCountLeavesProgressWithoutATotal() throws Exception {
        Path archive = TestImages.multiLayer().archive();
        ImageExporter exporter = exporter(archive, () -> {
            throw new IllegalStateException("inspect refused");
        }, () -> { });
        List<Integer> totals = new ArrayList<>();
        assertThat(exporter.scan("img", new ImageScanner(), progress(totals)).layers()).hasSize(4);
        assertThat(totals).isNotEmpty().containsOnly(-1);
    }

    @Test
    void anEngineThatRefusesTheExportIsNamedInTheError() {
        ImageExporter exporter = new ImageExporter() {
            @Override
            public List<String> engines() {
                return List.of("local");
            }

            @Override
            public InputStream save(String engine, String reference) {
                throw new IllegalStateException("No such image: " + reference);
            }

            @Override
            public int layerCount(String engine, String reference) {
                throw new IllegalStateException("No such image: " + reference);
            }
        };
        assertThatThrownBy(() -> exporter.scan("nope:1", new ImageScanner(), ImageScanner.Progress.NONE))
                .isInstanceOf(IOException.class).hasMessage("cannot export image nope:1: local: No such image: nope:1");
    }

    private static ImageExporter exporter(Path archive, IntSupplier count, Runnable beforeSave) {
        return new ImageExporter() {
            @Override
            public List<String> engines() {
                return List.of("local");
            }

            @Override
            public InputStream save(String engine, String reference) {
                beforeSave.run();
                try {
                    return Files.newInputStream(archive);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public int layerCount(String engine, String reference) {
                return count.getAsInt();
            }
        };
    }

    private static ImageScanner.Progress progress(List<Integer> totals) {
        return new ImageScanner.Progress() {
            @Override
            public void layerStarted(int done, int total, String layer) {
                totals.add(total);
            }
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("layer count asked for before the export opened")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
