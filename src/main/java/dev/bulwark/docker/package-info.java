/**
 * The container health monitor core. UI-free: no {@code javafx.*}, no dependency on {@code ui}, {@code app}
 * or {@code cli}.
 *
 * <ul>
 *   <li>{@code engine}: the {@link dev.bulwark.docker.engine.DockerEngine} port, its docker-java/httpclient5
 *       adapter, {@link dev.bulwark.docker.engine.EngineSpec} (unix, npipe, tcp+TLS; plain remote tcp refused
 *       unless allowed).</li>
 *   <li>{@code stats}: the Docker CLI's formulas ({@link dev.bulwark.docker.stats.StatsCalculator}).</li>
 *   <li>{@code monitor}: {@link dev.bulwark.docker.monitor.ContainerMonitor} (events, one stats stream per
 *       running container, reconnection, Flow of {@link dev.bulwark.docker.monitor.MonitorUpdate}s, actions,
 *       log follow) and the one-shot {@link dev.bulwark.docker.monitor.Snapshotter}.</li>
 *   <li>{@code alert}: unhealthy / died / restart-loop {@link dev.bulwark.docker.alert.Alert}s, clock-driven.</li>
 *   <li>{@code logs}: sanitised {@link dev.bulwark.docker.logs.LogLine}s, bounded buffer, search.</li>
 *   <li>{@code history}: 15-minute ring buffers per container and for the cluster.</li>
 *   <li>{@code model}: records the UI binds to (details, views, engine status, totals).</li>
 * </ul>
 */
package dev.bulwark.docker;
