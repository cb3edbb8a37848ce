package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.testsupport.FxThreadStandIn;
import dev.bulwark.ui.DirectBatchers;
import dev.bulwark.ui.TaskRunner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A view-model on a real simulator with a single "FX" thread of its own: every update happens there, and
 * tests read state through {@code fx.call}/{@code fx.run} so they see it consistently without a JavaFX toolkit.
 */
final class VmHarness implements AutoCloseable {
    final FxThreadStandIn fx = new FxThreadStandIn();
    final List<Throwable> reported = new CopyOnWriteArrayList<>();
    final Simulator simulator = new Simulator(TimeSource.system());
    final TaskRunner tasks = new TaskRunner(fx, (context, error) -> reported.add(error));
    final RateLimiterViewModel vm;

    VmHarness() {
        vm = fx.call(() -> new RateLimiterViewModel(simulator, tasks, DirectBatchers.on(fx), TimeSource.system()));
    }

    @Override
    public void close() {
        fx.run(vm::close);
        tasks.close();
        simulator.close();
        fx.close();
    }
}
