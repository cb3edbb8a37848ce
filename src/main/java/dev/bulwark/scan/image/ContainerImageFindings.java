package dev.bulwark.scan.image;

import dev.bulwark.scan.ContainerFindingsSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The {@link ContainerFindingsSource} fed by an {@link ImageScanCache}: which running containers run an image whose
 * scan has HIGH or CRITICAL active findings. The caller reports the running containers (the container monitor's
 * snapshots); every finished image scan and every change of the running set publishes new {@link Findings}.
 */
public final class ContainerImageFindings implements ContainerFindingsSource, AutoCloseable {

    /** A running container and the image id it runs. */
    public record Running(String name, String imageId) {
        public Running {
            Objects.requireNonNull(name);
            imageId = imageId == null ? "" : imageId;
        }
    }

    private final ImageScanCache cache;
    private final AutoCloseable subscription;
    private final CopyOnWriteArrayList<Consumer<Findings>> listeners = new CopyOnWriteArrayList<>();
    private List<Running> running = List.of();
    private volatile Findings current = Findings.NOT_SCANNED;

    public ContainerImageFindings(ImageScanCache cache) {
        this.cache = Objects.requireNonNull(cache);
        this.subscription = cache.onResult(r -> recompute());
    }

    /** The containers running now; publishes when the findings change. */
    public void running(List<Running> containers) {
        List<Running> copy = List.copyOf(containers);
        synchronized (this) {
            if (copy.equals(running)) {
                return;
            }
            running = copy;
        }
        recompute();
    }

    private void recompute() {
        Findings next;
        synchronized (this) {
            int scanned = 0;
            Instant at = null;
            List<String> flagged = new ArrayList<>();
            for (Running c : running) {
                Optional<ImageScanCache.Result> r = cache.get(c.imageId()).filter(ImageScanCache.Result::read);
                if (r.isEmpty()) {
                    continue;
                }
                scanned++;
                at = at == null || r.get().at().isAfter(at) ? r.get().at() : at;
                if (r.get().highOrCritical()) {
                    flagged.add(c.name());
                }
            }
            next = scanned == 0 ? Findings.NOT_SCANNED.withTotal(running.size())
                    : new Findings(true, at, scanned, flagged, running.size());
            if (next.equals(current)) {
                return;
            }
            current = next;
        }
        Findings published = next;
        listeners.forEach(l -> l.accept(published));
    }

    @Override
    public Findings current() {
        return current;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Findings> listener) {
        listeners.add(Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
