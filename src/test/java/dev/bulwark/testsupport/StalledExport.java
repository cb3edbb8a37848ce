package dev.bulwark.testsupport;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.scan.image.ImageExporter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Image exports for GUI image-scan tests: a real engine as the core's {@link ImageExporter} port, and an export
 * that stalls (sends nothing until it is closed, like an engine that stopped answering) for cancel tests.
 */
public final class StalledExport extends InputStream {
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public int read() throws IOException {
        reading.countDown();
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("stream closed");
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : read();
    }

    @Override
    public void close() {
        closed.countDown();
    }

    /** True once a reader is blocked in it. */
    public boolean awaitReading(long seconds) throws InterruptedException {
        return reading.await(seconds, TimeUnit.SECONDS);
    }

    /** True once it was closed. */
    public boolean awaitClosed(long seconds) throws InterruptedException {
        return closed.await(seconds, TimeUnit.SECONDS);
    }

    /** An exporter whose only engine hands out this stream and knows no layer count. */
    public ImageExporter exporter() {
        InputStream self = this;
        return new ImageExporter() {
            @Override
            public List<String> engines() {
                return List.of("stalled");
            }

            @Override
            public InputStream save(String engine, String reference) {
                return self;
            }

            @Override
            public int layerCount(String engine, String reference) {
                return -1;
            }
        };
    }

    /** A real engine as the port. */
    public static ImageExporter of(DockerEngine engine) {
        return new ImageExporter() {
            @Override
            public List<String> engines() {
                return List.of(engine.spec().name());
            }

            @Override
            public InputStream save(String name, String reference) {
                return engine.saveImage(reference);
            }

            @Override
            public int layerCount(String name, String reference) {
                return engine.imageLayerCount(reference);
            }
        };
    }
}
