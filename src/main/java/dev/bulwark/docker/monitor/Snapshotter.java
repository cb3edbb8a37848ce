package dev.bulwark.docker.monitor;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.DockerEngineException;
import dev.bulwark.docker.model.ClusterTotals;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.stats.ContainerStats;
import dev.bulwark.docker.stats.StatsCalculator;
import dev.bulwark.util.NamedThreads;
import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-shot snapshot, like {@code docker stats --no-stream}: every container of every engine is inspected
 * and sampled in parallel, each on its own virtual thread, so the whole takes about one engine sampling
 * interval rather than one per container.
 */
public final class Snapshotter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

    private final List<DockerEngine> engines;
    private final Clock clock;
    private final ExecutorService executor = NamedThreads.virtualExecutor("docker-snapshot");

    public Snapshotter(List<DockerEngine> engines, Clock clock) {
        this.engines = List.copyOf(engines);
        this.clock = clock;
    }

    /** Takes a snapshot; an unreachable engine is reported in {@link Snapshot#engines()}, the others still count. */
    public Snapshot take(boolean all) {
        List<Future<List<ContainerView>>> perEngine = new ArrayList<>();
        for (DockerEngine engine : engines) {
            perEngine.add(executor.submit(() -> engineViews(engine, all)));
        }
        List<ContainerView> views = new ArrayList<>();
        List<EngineStatus> statuses = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) {
            String name = engines.get(i).spec().name();
            try {
                views.addAll(perEngine.get(i).get());
                statuses.add(new EngineStatus(name, ConnectionState.connected(clock.instant())));
            } catch (ExecutionException e) {
                String reason = e.getCause().getMessage();
                LOG.warn("engine {} unreachable: {}", name, reason);
                statuses.add(new EngineStatus(name, ConnectionState.unreachable(reason, clock.instant())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DockerEngineException("snapshot interrupted");
            }
        }
        views.sort(Comparator.comparing(ContainerView::engine).thenComparing(v -> v.details().name()));
        return new Snapshot(clock.instant(), statuses, views, ClusterTotals.of(views));
    }

    private List<ContainerView> engineViews(DockerEngine engine, boolean all) throws InterruptedException {
        List<String> ids = engine.containerIds(all);
        List<Future<ContainerView>> futures = new ArrayList<>();
        for (String id : ids) {
            futures.add(executor.submit(() -> view(engine, id)));
        }
        List<ContainerView> out = new ArrayList<>();
        for (Future<ContainerView> f : futures) {
            try {
                ContainerView v = f.get();
                if (v != null) {
                    out.add(v);
                }
            } catch (ExecutionException e) {
                throw new DockerEngineException(e.getCause().getMessage(), e.getCause());
            }
        }
        return out;
    }

    private ContainerView view(DockerEngine engine, String id) {
        ContainerDetails details;
        try {
            details = engine.inspect(id);
        } catch (DockerEngineException e) {
            if (e.getMessage() != null && e.getMessage().contains("HTTP 404")) {
                // Removed between list and inspect: not an error of the snapshot.
                LOG.debug("container {} vanished during snapshot: {}", id, e.getMessage());
                return null;
            }
            throw e;
        }
        ContainerStats stats = null;
        if (details.state().hasProcesses()) {
            try {
                stats = StatsCalculator.compute(engine.statsOnce(id), null);
            } catch (DockerEngineException e) {
                LOG.info("no stats for {} ({}): {}", details.name(), id, e.getMessage());
            }
        }
        return new ContainerView(engine.spec().name(), details, stats, false);
    }

    @Override
    public void close() {
        executor.close();
    }
}
