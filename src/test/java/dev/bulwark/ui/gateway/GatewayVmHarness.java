package dev.bulwark.ui.gateway;

import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.client.GatewayConnector;
import dev.bulwark.settings.GatewayTokenStore;
import dev.bulwark.settings.Settings;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.settings.SettingsStore;
import dev.bulwark.testsupport.FxThreadStandIn;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.DirectBatchers;
import dev.bulwark.ui.UpdateBatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The Gateway view-model on the real client with a single "FX" thread of its own: every update happens there, and
 * tests read state through {@code fx.call}/{@code fx.run} so they see it consistently without a JavaFX toolkit. Client events are
 * batched as the frame batcher does (everything queued since the last delivery, in one list).
 */
final class GatewayVmHarness implements AutoCloseable {
    final FxThreadStandIn fx = new FxThreadStandIn();
    final List<Throwable> reported = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final TaskRunner tasks = new TaskRunner(fx, (context, error) -> reported.add(error));
    final SettingsService settings;
    final GatewayTokenStore tokens;
    final GatewayConnector connector;
    final GatewayViewModel vm;

    GatewayVmHarness(Path dir, UnaryOperator<Settings> initial) {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"), Clock.systemUTC());
        settings = new SettingsService(store, initial.apply(Settings.DEFAULTS));
        tokens = new GatewayTokenStore(dir.resolve("gateway-token"));
        connector = new GatewayConnector((config, listener) -> GatewayClients.open(config, null, Clock.systemUTC(),
                listener));
        // The tests' one batching factory, with each batch's size recorded.
        DirectBatchers direct = DirectBatchers.on(fx);
        UpdateBatcher.Factory batching = new UpdateBatcher.Factory() {
            @Override
            public <T> UpdateBatcher<T> start(Consumer<List<T>> sink) {
                return direct.start(batch -> {
                    batchSizes.add(batch.size());
                    sink.accept(batch);
                });
            }
        };
        vm = fx.call(() -> new GatewayViewModel(connector, settings, tokens, tasks, batching, Clock.systemUTC(), null));
    }

    @Override
    public void close() {
        connector.close();
        fx.run(vm::close);
        tasks.close();
        settings.close();
        fx.close();
    }
}
