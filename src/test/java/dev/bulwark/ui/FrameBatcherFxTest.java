package dev.bulwark.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.testsupport.FxToolkitExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batcher on the real (headless) FX toolkit: per-frame batches, and no frame timer left running when idle. */
@ExtendWith(FxToolkitExtension.class)
class FrameBatcherFxTest {
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<Boolean> onFxThread = new CopyOnWriteArrayList<>();

    private FrameBatcher<Integer> batcher() {
        return new FrameBatcher<>(batch -> {
            onFxThread.add(Platform.isFxApplicationThread());
            batches.add(List.copyOf(batch));
        });
    }

    @Test
    void deliversABurstInOrderInFewBatchesOnTheFxThread() throws Exception {
        try (FrameBatcher<Integer> b = batcher()) {
            b.start();
            Thread producer = Thread.ofVirtual().start(() -> IntStream.range(0, 10_000).forEach(b::offer));
            producer.join();
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered().size() == 10_000);
            assertThat(delivered()).isEqualTo(IntStream.range(0, 10_000).boxed().toList());
            assertThat(batches).allSatisfy(batch -> assertThat(batch).isNotEmpty());
            assertThat(batches.size()).isLessThan(1_000);
            assertThat(onFxThread).containsOnly(true);
        }
    }

    @Test
    void frameTimerStopsWhenIdleAndRestartsOnTheNextOffer() {
        try (FrameBatcher<Integer> b = batcher()) {
            b.start();
            assertThat(b.running()).isFalse();
            b.offer(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered().equals(List.of(1)));
            // One empty frame later the timer is off: JavaFX no longer pulses for this batcher.
            await().atMost(Duration.ofSeconds(5)).until(() -> !b.running());
            b.offer(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered().equals(List.of(1, 2)));
            await().atMost(Duration.ofSeconds(5)).until(() -> !b.running());
        }
    }

    @Test
    void holdsUpdatesUntilStartedAndDropsThemAfterClose() throws Exception {
        FrameBatcher<Integer> b = batcher();
        b.offer(1);
        Thread.sleep(200); // several frames: nothing may be delivered before start()
        assertThat(batches).isEmpty();
        b.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered().equals(List.of(1)));
        b.close();
        b.offer(2);
        Thread.sleep(200);
        assertThat(delivered()).containsExactly(1);
        assertThat(b.running()).isFalse();
    }

    private List<Integer> delivered() {
        List<Integer> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }
}
