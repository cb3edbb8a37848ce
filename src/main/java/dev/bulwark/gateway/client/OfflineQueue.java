package dev.bulwark.gateway.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames waiting to be published, in order. Bounded: when full, the oldest frame is dropped and counted. With a
 * file it is written atomically after every change, so it survives a restart of the application; an unreadable
 * file is moved aside and the queue starts empty (the log says so). Thread-safe.
 */
public final class OfflineQueue {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineQueue.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int capacity;
    private final Path file;
    private final ArrayDeque<String> frames = new ArrayDeque<>();
    private long dropped;

    /** A queue of at most {@code capacity} frames, persisted to {@code file} (null: memory only). */
    public OfflineQueue(int capacity, Path file) {
        this.capacity = capacity;
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                List<String> saved = MAPPER.readValue(file.toFile(), new TypeReference<List<String>>() { });
                for (String f : saved) {
                    add(f, false);
                }
                LOG.info("gateway: {} queued frame(s) restored from {}", frames.size(), file);
            } catch (IOException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
                LOG.warn("gateway: the offline queue {} cannot be read ({}); moved to {}", file, e.getMessage(), aside);
                try {
                    Files.move(file, aside);
                } catch (IOException m) {
                    LOG.error("gateway: could not move {} aside", file, m);
                }
            }
        }
    }

    /** Appends a frame; drops (and counts) the oldest when full. */
    public synchronized void add(String frame) {
        add(frame, true);
    }

    private void add(String frame, boolean persist) {
        if (frames.size() >= capacity) {
            frames.removeFirst();
            dropped++;
        }
        frames.addLast(frame);
        if (persist) {
            save();
        }
    }

    /** The oldest frame, or null. */
    public synchronized String peek() {
        return frames.peekFirst();
    }

    /** Removes the oldest frame (after it was published). */
    public synchronized void removeFirst() {
        if (frames.pollFirst() != null) {
            save();
        }
    }

    public synchronized int size() {
        return frames.size();
    }

    /** Frames dropped because the queue was full. */
    public synchronized long dropped() {
        return dropped;
    }

    /** A copy, oldest first. */
    public synchronized List<String> frames() {
        return new ArrayList<>(frames);
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            byte[] json = MAPPER.writeValueAsBytes(new ArrayList<>(frames));
            AtomicFiles.write(file, out -> out.write(json));
        } catch (IOException e) {
            // Still queued in memory: the frames are not lost while the application runs.
            LOG.warn("gateway: could not persist the offline queue to {}: {}", file, e.getMessage());
        }
    }
}
