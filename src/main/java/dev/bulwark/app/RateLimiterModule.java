package dev.bulwark.app;

import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.recommend.LimitRecommender;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.UpdateBatcher;
import dev.bulwark.ui.ratelimit.FilePicker;
import dev.bulwark.ui.ratelimit.RateLimiterView;
import dev.bulwark.ui.ratelimit.RateLimiterViewModel;
import dev.bulwark.ui.ratelimit.RecommendViewModel;
import javafx.beans.value.ObservableValue;

/** Wires the rate-limiter lab: the core simulator, the view-model and its view; closing stops any run. */
final class RateLimiterModule implements AutoCloseable {
    private final Simulator simulator = new Simulator(TimeSource.system());
    private final RateLimiterViewModel viewModel;
    private final RecommendViewModel recommend;
    private final ObservableValue<Theme> theme;

    RateLimiterModule(TaskRunner tasks, UpdateBatcher.Factory batchers, ObservableValue<Theme> theme) {
        this.viewModel = new RateLimiterViewModel(simulator, tasks, batchers, TimeSource.system());
        this.recommend = new RecommendViewModel(new LimitRecommender(TimeSource.system()), tasks, batchers);
        this.theme = theme;
    }

    /** The lab's state (the Overview reads its last result). */
    RateLimiterViewModel viewModel() {
        return viewModel;
    }

    FeatureView view() {
        return new RateLimiterView(viewModel, FilePicker.system(), theme, recommend);
    }

    @Override
    public void close() {
        recommend.close();
        viewModel.close();
        simulator.close();
    }
}
