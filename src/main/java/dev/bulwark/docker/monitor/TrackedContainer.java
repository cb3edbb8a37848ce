package dev.bulwark.docker.monitor;

import dev.bulwark.docker.engine.EngineStream;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.stats.ContainerStats;
import dev.bulwark.docker.stats.RawStats;
import dev.bulwark.docker.stats.StatsCalculator;

/**
 * One container of one engine session: latest details and figures, and its stats stream. A generation
 * number makes sure a stream opened for an earlier run of the container never attaches to a later one.
 */
final class TrackedContainer {
    private volatile ContainerDetails details;
    private volatile ContainerStats stats;
    private volatile boolean stale;
    private RawStats previous;
    private EngineStream<RawStats> stream;
    private boolean streaming;
    private long generation;

    TrackedContainer(ContainerDetails details) {
        this.details = details;
    }

    ContainerDetails details() {
        return details;
    }

    void details(ContainerDetails d) {
        details = d;
        stale = false;
        if (!d.state().hasProcesses()) {
            stats = null;
        }
    }

    void markStale() {
        stale = true;
    }

    ContainerView view(String engine) {
        ContainerDetails d = details;
        return new ContainerView(engine, d, d.state().hasProcesses() ? stats : null, stale);
    }

    /** Called by the stream's reader thread only. */
    synchronized void update(RawStats raw) {
        stats = StatsCalculator.compute(raw, previous);
        previous = raw;
    }

    /** Returns the generation to use, or -1 if a stream is already wanted. */
    synchronized long beginStreaming() {
        if (streaming) {
            return -1;
        }
        streaming = true;
        return ++generation;
    }

    /** Attaches an opened stream; false (caller closes it) when streaming was stopped meanwhile. */
    synchronized boolean attach(long gen, EngineStream<RawStats> s) {
        if (!streaming || gen != generation) {
            return false;
        }
        stream = s;
        return true;
    }

    /** The reader of generation {@code gen} finished. */
    synchronized void ended(long gen) {
        if (gen == generation) {
            stream = null;
            streaming = false;
            previous = null;
        }
    }

    /** Closes the stream (if any); a reader blocked on it returns. */
    synchronized void stopStreaming() {
        generation++;
        streaming = false;
        previous = null;
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
