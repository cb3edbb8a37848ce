package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.ui.DirectBatchers;
import dev.bulwark.ui.TaskRunner;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A view-model on a real simulator with a single "FX" thread of its own: every update happens there, and
 * tests read state through {@link #onFx} so they see it consistently without a JavaFX toolkit.
 */
final class VmHarness implements AutoCloseable {
    final ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-fx"));
    final List<Throwable> reported = new CopyOnWriteArrayList<>();
    final Simulator simulator = new Simulator(TimeSource.system());
    final TaskRunner tasks = new TaskRunner(fx, (context, error) -> reported.add(error));
    final RateLimiterViewModel vm;

    VmHarness() {
        vm = onFx(() -> new RateLimiterViewModel(simulator, tasks, DirectBatchers.on(fx), TimeSource.system()));
    }

    <T> T onFx(Callable<T> work) {
        try {
            return fx.submit(work).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void onFx(Runnable work) {
        onFx(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        onFx(vm::close);
        tasks.close();
        simulator.close();
        fx.shutdownNow();
    }
}
