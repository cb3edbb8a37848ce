package dev.bulwark.ui.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.logs.LogLine;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.docker.monitor.MonitorConfig;
import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.testsupport.TestContainers;
import dev.bulwark.ui.DirectBatchers;
import dev.bulwark.ui.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The logs view-model on a real engine, with the test thread as its "FX" thread: work for that thread queues
 * up until the test runs it, so the test decides when a batch of lines is delivered.
 */
class LogsViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestContainers containers;
    private static ContainerMonitor monitor;

    private final Queue<Runnable> fxQueue = new ConcurrentLinkedQueue<>();
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private final TaskRunner tasks = new TaskRunner(fxQueue::add, (context, error) -> reported.add(error));
    private final DirectBatchers batchers = DirectBatchers.on(fxQueue::add);
    private final LogsViewModel vm = new LogsViewModel(monitor, tasks, fxQueue::add, batchers);

    @BeforeAll
    static void start() {
        String host = DockerEngineSupport.dockerHost();
        containers = new TestContainers(host, "bwlogs");
        containers.sh("first", List.of(), "for i in $(seq 1 20); do echo first $i; done; sleep 3600");
        containers.sh("second", List.of(), "for i in $(seq 1 10); do echo second $i; done; sleep 3600");
        monitor = new ContainerMonitor(List.of(EngineSpec.of(host)), EngineFactory.dockerJava(),
                MonitorConfig.defaults(), Clock.systemUTC());
        monitor.start();
    }

    @AfterAll
    static void stop() {
        if (monitor != null) {
            monitor.close();
        }
        if (containers != null) {
            containers.close();
        }
    }

    @AfterEach
    void close() {
        vm.close();
        runFx();
        tasks.close();
        assertThat(reported).isEmpty();
    }

    private void runFx() {
        for (Runnable r; (r = fxQueue.poll()) != null; ) {
            r.run();
        }
    }

    private static ContainerView running(String name) {
        String full = containers.prefix + name;
        await().atMost(WAIT).until(() -> monitor.snapshot().containers().stream()
                .anyMatch(v -> v.details().name().equals(full) && v.live()));
        return monitor.snapshot().containers().stream().filter(v -> v.details().name().equals(full))
                .findFirst().orElseThrow();
    }

    private static List<String> numbered(String name, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> name + " " + i).toList();
    }

    private List<String> shown() {
        return vm.lines().stream().map(LogLine::text).toList();
    }

    @Test
    void linesOfferedBetweenTwoDeliveriesArriveAsOneBatchInOrder() {
        ContainerView first = running("first");
        List<Integer> added = new ArrayList<>();
        vm.lines().addListener((ListChangeListener<LogLine>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    added.add(c.getAddedSize());
                }
            }
        });

        vm.show(first);
        await().atMost(WAIT).until(() -> batchers.offered() == 20);
        assertThat(vm.lines()).as("nothing reaches the view before the FX thread runs").isEmpty();
        runFx();

        assertThat(shown()).isEqualTo(numbered("first", 20));
        assertThat(added).as("one change for the whole batch").containsExactly(20);
        assertThat(vm.stateProperty().get()).startsWith("Following " + first.details().name());
    }

    @Test
    void linesOfAReplacedFollowNeverShow() {
        ContainerView first = running("first");
        ContainerView second = running("second");

        vm.show(first);
        await().atMost(WAIT).until(() -> batchers.offered() == 20);
        vm.show(second); // before the first container's lines were delivered
        await().atMost(WAIT).until(() -> batchers.offered() == 30);
        runFx();

        assertThat(shown()).isEqualTo(numbered("second", 10));
        assertThat(vm.stateProperty().get()).startsWith("Following " + second.details().name());
    }

    @Test
    void theSearchAppliesToLinesAsTheyArrive() {
        ContainerView first = running("first");
        vm.queryProperty().set("first 1");

        vm.show(first);
        await().atMost(WAIT).until(() -> batchers.offered() == 20);
        runFx();

        assertThat(shown()).containsExactly("first 1", "first 10", "first 11", "first 12", "first 13", "first 14",
                "first 15", "first 16", "first 17", "first 18", "first 19");
    }
}
