package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.recommend.ExportFormat;
import dev.bulwark.ratelimit.recommend.LimitRecommender;
import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.ui.FrameBatcher;
import dev.bulwark.ui.FxErrorReporter;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.ThemeManager;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Not a test: opens the "Recommend from log…" window on a log, runs it, selects a row and prints READY, for
 * screenshots under Xvfb ({@code java ... RecommendScreenshotHarness LOG DARK|LIGHT token-bucket|sliding-log}).
 */
public final class RecommendScreenshotHarness {
    private RecommendScreenshotHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        Theme theme = Theme.valueOf(args[1]);
        Algorithm select = Algorithm.fromId(args[2]);
        Platform.startup(() -> { });
        Platform.runLater(() -> {
            new ThemeManager().apply(theme);
            TaskRunner tasks = new TaskRunner(Platform::runLater, new FxErrorReporter());
            RecommendViewModel vm = new RecommendViewModel(new LimitRecommender(TimeSource.system()), tasks,
                    FrameBatcher.factory());
            vm.logFileProperty().set(log.toString());
            vm.excludePathsProperty().set("/static/");
            vm.excludeAgentProperty().set("(?i)bot");
            vm.exportFormatProperty().set(args.length > 3 ? ExportFormat.fromId(args[3]) : ExportFormat.NGINX);
            Stage owner = new Stage();
            Stage s = new RecommendView(vm, (o, t, save, sug, ext) -> Optional.empty()).open(owner);
            s.setX(0);
            s.setY(0);
            s.setWidth(1440);
            s.setHeight(900);
            vm.reportProperty().addListener((o, a, report) -> {
                if (report != null) {
                    Platform.runLater(() -> {
                        vm.rows().stream().filter(r -> r.recommendation().strategy() == select).findFirst()
                                .ifPresent(r -> vm.selectedProperty().set(r.recommendation()));
                        Platform.runLater(() -> System.out.println("READY"));
                    });
                }
            });
            vm.start();
        });
    }
}
