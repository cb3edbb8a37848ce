package dev.bulwark.docker.engine;

import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.docker.model.EngineInfo;
import dev.bulwark.docker.stats.RawStats;
import java.util.List;

/**
 * Port to one Docker engine. All calls block; run them on a virtual thread. Errors are
 * {@link DockerEngineException}s whose message names the engine and the operation.
 */
public interface DockerEngine extends AutoCloseable {

    /** The engine this port talks to. */
    EngineSpec spec();

    /** Checks the engine answers; throws when it does not. */
    void ping();

    /** The engine's machine: host name, CPUs, memory, version. */
    EngineInfo info();

    /** Ids of containers, running only or all. */
    List<String> containerIds(boolean all);

    /** Full details of one container. */
    ContainerDetails inspect(String id);

    /**
     * The engine's own inspect document of one container ({@code GET /containers/{id}/json}), every field
     * kept in the engine's order, indented with Jackson's default pretty printer.
     */
    String inspectJson(String id);

    /** One stats frame with {@code precpu_stats} filled (the engine samples twice, about 1-2 s). */
    RawStats statsOnce(String id);

    /** A stats frame about once a second until closed or the container stops. */
    EngineStream<RawStats> openStats(String id);

    /**
     * Container events from {@code since} on (the engine replays what it buffered since then). Blocks until
     * the engine sends the response head, which older engines (20.10) delay until the first event: call it
     * on its own thread; closing this engine aborts the wait.
     */
    EngineStream<EngineEvent> openEvents(java.time.Instant since);

    /** Log output of one container; {@code tty} selects raw (merged) rather than multiplexed framing. */
    EngineStream<LogChunk> openLogs(String id, boolean tty, LogRequest request);

    /** Performs a lifecycle action; {@code REMOVE} forces removal of a running container. */
    void perform(String id, ContainerAction action);

    /**
     * Streams one image as a {@code docker save} tar ({@code GET /images/get}); the caller reads it once and closes
     * it. Nothing is buffered: the engine's export is the cost floor of an image scan.
     */
    java.io.InputStream saveImage(String reference);

    /** How many layers an image has ({@code RootFS.Layers} of its inspect document), for scan progress. */
    int imageLayerCount(String reference);

    /** The image id ({@code sha256:...}) a container runs, from its inspect document. */
    String containerImageId(String containerId);

    /** Closes every connection of this engine. */
    @Override
    void close();
}
