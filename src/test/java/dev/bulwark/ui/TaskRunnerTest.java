package dev.bulwark.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {
    /** Stands in for the FX thread: one named platform thread. */
    private final ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final TaskRunner runner = new TaskRunner(fx, (ctx, e) -> reported.add(ctx + ": " + e.getMessage()));

    @AfterEach
    void close() {
        runner.close();
        fx.shutdownNow();
    }

    @Test
    void runsWorkOnNamedVirtualThreadAndDeliversOnFxExecutor() throws Exception {
        AtomicReference<String> workThread = new AtomicReference<>();
        AtomicBoolean virtual = new AtomicBoolean();
        AtomicReference<String> deliveredOn = new AtomicReference<>();
        runner.run("load", () -> {
            workThread.set(Thread.currentThread().getName());
            virtual.set(Thread.currentThread().isVirtual());
            return 42;
        }, v -> deliveredOn.set(Thread.currentThread().getName() + "=" + v), null).get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> deliveredOn.get() != null);
        assertThat(workThread.get()).isEqualTo("bulwark-task-load");
        assertThat(virtual).isTrue();
        assertThat(deliveredOn.get()).isEqualTo("fake-fx=42");
    }

    @Test
    void failureGoesToItsHandlerOnFxExecutor() {
        AtomicReference<String> handled = new AtomicReference<>();
        runner.run("boom", () -> {
            throw new IllegalStateException("bad");
        }, v -> { }, t -> handled.set(Thread.currentThread().getName() + ":" + t.getMessage()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> handled.get() != null);
        assertThat(handled.get()).isEqualTo("fake-fx:bad");
        assertThat(reported).isEmpty();
    }

    @Test
    void unhandledFailureIsReportedNotSwallowed() {
        runner.run("sync", () -> {
            throw new IllegalStateException("engine gone");
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> !reported.isEmpty());
        assertThat(reported).containsExactly("Task failed: sync: engine gone");
    }

    @Test
    void cancellingInterruptsTheWork() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        var f = runner.run("long", () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return null;
        }, null, null);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        f.cancel(true);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(reported).isEmpty();
    }

    @Test
    void closeInterruptsRunningWork() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        runner.run("forever", () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        runner.close();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
