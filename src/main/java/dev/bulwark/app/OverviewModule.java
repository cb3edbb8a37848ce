package dev.bulwark.app;

import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.ViewId;
import dev.bulwark.ui.containers.ContainersViewModel;
import dev.bulwark.ui.gateway.GatewayViewModel;
import dev.bulwark.ui.overview.OverviewSources;
import dev.bulwark.ui.overview.OverviewView;
import dev.bulwark.ui.overview.OverviewViewModel;
import dev.bulwark.ui.ratelimit.RateLimiterViewModel;
import dev.bulwark.ui.scan.DatabaseViewModel;
import dev.bulwark.ui.scan.VulnerabilitiesViewModel;
import dev.bulwark.ui.shell.MainViewModel;
import java.time.Clock;

/**
 * Wires the Overview to the other modules' view-models: it reads their state and starts nothing of its own
 * (the container monitor already runs from application start).
 */
final class OverviewModule {
    private final OverviewViewModel viewModel;

    OverviewModule(ContainersViewModel containers, VulnerabilitiesViewModel vulnerabilities,
                   RateLimiterViewModel lab, GatewayViewModel gateway, MainViewModel main, Clock clock) {
        DatabaseViewModel db = vulnerabilities.database();
        OverviewSources sources = new OverviewSources(containers.engines(), containers.totalsProperty(),
                containers.memCapacityProperty(), containers.alerts(), db.ecosystems(), db.summaryProperty(),
                db.staleWarningProperty(), db.emptyProperty(), vulnerabilities.history(), lab.resultProperty(),
                gateway.configuredProperty(), gateway.status().statusLineProperty(), gateway.status().statusKindProperty(),
                gateway.feed().threats());
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
        });
    }

    FeatureView view() {
        return new OverviewView(viewModel);
    }
}
