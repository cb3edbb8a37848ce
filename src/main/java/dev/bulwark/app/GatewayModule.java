package dev.bulwark.app;

import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.client.GatewayConnector;
import dev.bulwark.gateway.forward.EventForwarder;
import dev.bulwark.gateway.forward.ForwardOptions;
import dev.bulwark.gateway.forward.TargetPublishers;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.settings.GatewaySettings;
import dev.bulwark.settings.GatewayTokenStore;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.containers.ContainersViewModel;
import dev.bulwark.ui.gateway.GatewayView;
import dev.bulwark.ui.gateway.GatewayViewModel;
import dev.bulwark.ui.gateway.ThreatNotifier;
import dev.bulwark.ui.UpdateBatcher;
import dev.bulwark.ui.scan.VulnerabilitiesViewModel;
import dev.bulwark.util.AppPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import javafx.beans.property.StringProperty;
import javafx.stage.Window;

/**
 * Wires the gateway: one {@link GatewayConnector} holding the client (re)created when the user connects, the Gateway
 * view-model (which also feeds the status bar and the Overview), threat-alert notifications, and the forwarder of
 * Bulwark's own events. The token lives in {@code <config>/gateway-token}, the offline publish queue in
 * {@code <data>/gateway-queue.json}. Owns and closes all of it.
 */
final class GatewayModule implements AutoCloseable {
    /** The scan threshold at or above which findings are forwarded: the GUI's scans fail on high too. */
    static final FailOn FORWARD_THRESHOLD = FailOn.HIGH;

    private final GatewayConnector connector;
    private final GatewayViewModel viewModel;
    private final EventForwarder forwarder;

    /** Builds it all; connects nothing until {@link #start}; FX thread. */
    GatewayModule(AppPaths paths, SettingsService settings, TaskRunner tasks, UpdateBatcher.Factory batchers,
                  Clock clock, StringProperty statusBar) {
        GatewayTokenStore tokens = new GatewayTokenStore(paths.config().resolve("gateway-token"));
        connector = new GatewayConnector((config, listener) -> GatewayClients.open(config, null, clock, listener));
        viewModel = new GatewayViewModel(connector, settings, tokens, tasks, batchers, clock,
                paths.data().resolve("gateway-queue.json"));
        statusBar.bind(viewModel.status().statusBarProperty());
        forwarder = new EventForwarder(() -> options(settings.get().gateway()), connector,
                TargetPublishers.real(tokens::readOrNull, () -> caFile(settings.get().gateway())),
                () -> settings.get().gateway().clientId(), () -> FORWARD_THRESHOLD, clock);
    }

    static ForwardOptions options(GatewaySettings g) {
        return new ForwardOptions(g.forwardTarget(), g.forwardContainerHealth(), g.forwardScanFindings());
    }

    private static Path caFile(GatewaySettings g) {
        return g.caFile() == null ? null : Path.of(g.caFile());
    }

    /** Forwards container alerts and completed scans (as Settings say) and notifies threat alerts over {@code owner}. */
    void connect(ContainersViewModel containers, VulnerabilitiesViewModel vulnerabilities, Supplier<Window> owner) {
        containers.onAlert(forwarder::onAlert);
        vulnerabilities.onScanCompleted(forwarder::onScan);
        viewModel.feed().onThreatAlert(new ThreatNotifier(owner)::show);
    }

    /** Connects when the user left the gateway connected last time. */
    void start() {
        viewModel.start();
    }

    /** The gateway state (the Overview reads it). */
    GatewayViewModel viewModel() {
        return viewModel;
    }

    FeatureView view() {
        return new GatewayView(viewModel);
    }

    /** Sends what the forwarder accepted, closes the client (its queue stays on disk), then the view-model. */
    @Override
    public void close() {
        forwarder.close();
        connector.close();
        viewModel.close();
    }
}
