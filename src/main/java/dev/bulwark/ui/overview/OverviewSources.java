package dev.bulwark.ui.overview;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.history.HistoryPoint;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.osv.EcosystemStatus;
import dev.bulwark.ui.gateway.GatewayStatusModel;
import dev.bulwark.ui.gateway.ThreatAlert;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;

/**
 * What the Overview reads, all owned and updated (on the FX thread) by the other views' view-models: the
 * Overview starts nothing of its own and re-reads no file.
 *
 * @param engines          per-engine connection state (container monitor, batched per frame)
 * @param containerTotals  totals over every container of the last snapshot
 * @param memCapacity      memory behind the live containers' engines, 0 when unknown
 * @param cpuCapacity      CPU behind the live containers' engines (100 per CPU), 0 when unknown
 * @param clusterHistory   the cluster's recent CPU and memory samples, oldest first (the Containers chart's)
 * @param containers       every container of the last snapshot (read when the totals change)
 * @param engineEndpoint   where an engine (by name) is reached, e.g. {@code unix:///var/run/docker.sock}
 * @param containerAlerts  the monitor's alerts, newest first
 * @param advisoryEcosystems the advisory database's present ecosystems
 * @param advisorySummary  the database's one-line state ({@code 8,158 records, 3 ecosystems, 2 days old})
 * @param advisoryStale    non-null when some advisory data is older than the configured number of days
 * @param advisoryEmpty    true when no ecosystem was ever imported
 * @param scanHistory      remembered scans, newest first
 * @param lastLabRun       the rate-limiter lab's last finished run this session, or null
 * @param gatewayConfigured true when a gateway URL is saved
 * @param gatewayStatus    the gateway connection's line ({@code connected · rtt 3 ms · recovered})
 * @param gatewayKind      the same as a state, for its colour
 * @param gatewayRttMillis the last ping's round trip while connected over WebSocket, -1 when not measured
 * @param threatAlerts     threat alerts received from the gateway, newest first
 */
public record OverviewSources(ObservableList<EngineStatus> engines, ObservableValue<Totals> containerTotals,
                              ObservableValue<Long> memCapacity, ObservableValue<Number> cpuCapacity,
                              ObservableList<HistoryPoint> clusterHistory, Supplier<List<ContainerView>> containers,
                              java.util.function.UnaryOperator<String> engineEndpoint,
                              ObservableList<Alert> containerAlerts,
                              ObservableList<EcosystemStatus> advisoryEcosystems,
                              ObservableValue<String> advisorySummary, ObservableValue<String> advisoryStale,
                              ObservableValue<Boolean> advisoryEmpty, ObservableList<ScanHistory.Entry> scanHistory,
                              ObservableValue<SimulationResult> lastLabRun,
                              ObservableValue<Boolean> gatewayConfigured, ObservableValue<String> gatewayStatus,
                              ObservableValue<GatewayStatusModel.StatusKind> gatewayKind,
                              ObservableValue<Number> gatewayRttMillis,
                              ObservableList<ThreatAlert> threatAlerts) {
}
