package dev.bulwark.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

/**
 * The {@code redis-server}s of one test class ({@link LocalRedis}), in one temp folder of their own: register it as
 * a {@code static} {@code @RegisterExtension} field. After the class it stops every server it started and deletes
 * the folder; when a test (or the class set-up) failed it first prints each server's log to the test's error
 * output, which is where the reason usually is.
 */
public final class RedisServers implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private final String prefix;
    private final int port;
    private final String[] args;
    private final List<LocalRedis> started = new ArrayList<>();
    private Path dir;
    private volatile boolean failed;

    private RedisServers(String prefix, int port, String[] args) {
        this.prefix = prefix;
        this.port = port;
        this.args = args;
    }

    /** Starts {@code redis-server --port PORT ...args} before the class (folder named {@code prefix...}). */
    public static RedisServers startedBeforeAll(String prefix, int port, String... args) {
        return new RedisServers(prefix, port, args.clone());
    }

    /** Starts nothing by itself: the test class calls {@link #start} (a cluster, a server it restarts). */
    public static RedisServers onDemand(String prefix) {
        return new RedisServers(prefix, 0, new String[0]);
    }

    /** Starts {@code redis-server --port PORT ...args} (see {@link LocalRedis#start}) in a folder of its own. */
    public synchronized LocalRedis start(int port, String... args) throws IOException, InterruptedException {
        if (dir == null) {
            dir = Files.createTempDirectory(prefix);
        }
        LocalRedis server = LocalRedis.start(port, dir.resolve(port + "-" + started.size()), args);
        started.add(server);
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (port > 0) {
            start(port, args);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        started.forEach(LocalRedis::close);
        Optional<Throwable> setUp = context.getExecutionException();
        if (failed || setUp.isPresent() && !(setUp.get() instanceof TestAbortedException)) {
            for (LocalRedis server : started) {
                System.err.println("[bulwark-tests] redis-server on port " + server.port() + " wrote:");
                System.err.println(server.log());
            }
        }
        started.clear();
        if (dir != null) {
            deleteTree(dir);
            dir = null;
        }
    }

    /** Deletes a folder and everything in it (files first). */
    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
