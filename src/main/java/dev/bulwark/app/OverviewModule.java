package dev.bulwark.app;

import dev.bulwark.scan.ContainerFindingsSource;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.UpdateBatcher;
import dev.bulwark.ui.ViewId;
import dev.bulwark.ui.containers.ContainersViewModel;
import dev.bulwark.ui.gateway.GatewayViewModel;
import dev.bulwark.ui.overview.AdvisoryActions;
import dev.bulwark.ui.overview.OverviewSources;
import dev.bulwark.ui.overview.OverviewView;
import dev.bulwark.ui.overview.OverviewViewModel;
import dev.bulwark.ui.ratelimit.RateLimiterViewModel;
import dev.bulwark.ui.scan.DatabaseViewModel;
import dev.bulwark.ui.scan.ScanPickers;
import dev.bulwark.ui.scan.VulnerabilitiesViewModel;
import dev.bulwark.ui.shell.MainViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.beans.value.ObservableValue;

/**
 * Wires the Overview to the other modules' view-models: it reads their state and starts nothing of its own
 * (the container monitor already runs from application start, its samples reach the Overview through the
 * Containers view-model). The running containers' image findings come from a {@link ContainerFindingsSource}: the
 * Containers view's image scans ({@code ContainerImageFindings}), which say "not scanned yet" until one finished.
 */
final class OverviewModule implements AutoCloseable {
    private final OverviewViewModel viewModel;
    private final ScanPickers pickers;

    OverviewModule(ContainersViewModel containers, VulnerabilitiesViewModel vulnerabilities,
                   RateLimiterViewModel lab, GatewayViewModel gateway, MainViewModel main, Clock clock,
                   UpdateBatcher.Factory batchers, ContainerFindingsSource findings, ScanPickers pickers,
                   TaskRunner tasks) {
        this.pickers = pickers;
        DatabaseViewModel db = vulnerabilities.database();
        OverviewSources sources = new OverviewSources(containers.engines(), containers.totalsProperty(),
                containers.memCapacityProperty(), containers.cpuCapacityProperty(), containers.clusterHistory(),
                containers::allContainers, containers::endpointOf, containers.alerts(), db.ecosystems(), db.summaryProperty(),
                db.staleWarningProperty(), db.emptyProperty(), vulnerabilities.history(), lab.resultProperty(),
                gateway.configuredProperty(), gateway.status().statusLineProperty(), gateway.status().statusKindProperty(),
                gateway.status().rttMillisProperty(), gateway.feed().threats());
        viewModel = new OverviewViewModel(sources, clock, new OverviewViewModel.Navigator() {
            @Override
            public void select(ViewId view) {
                main.select(view);
            }

            @Override
            public void openScan(ScanHistory.Entry entry) {
                vulnerabilities.openHistory(entry);
                main.select(ViewId.VULNERABILITIES);
            }
        }, findings, batchers, actions(db), tasks);
    }

    /** The database view-model's own actions and state: the Overview's card and the Vulnerabilities view agree. */
    static AdvisoryActions actions(DatabaseViewModel db) {
        return new AdvisoryActions() {
            @Override
            public void importDumps(List<Path> files) {
                db.importDumps(files);
            }

            @Override
            public void download() {
                db.update();
            }

            @Override
            public void checkDownloadSize() {
                db.checkDownloadSize();
            }

            @Override
            public ObservableValue<String> downloadSize() {
                return db.downloadSizeProperty();
            }

            @Override
            public ObservableValue<Boolean> busy() {
                return db.busyProperty();
            }

            @Override
            public ObservableValue<String> message() {
                return db.messageProperty();
            }
        };
    }

    FeatureView view() {
        return new OverviewView(viewModel, pickers::dumps);
    }

    @Override
    public void close() {
        viewModel.close();
    }
}
