package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.LimiterBackend;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import dev.bulwark.ratelimit.redis.RedisStore;
import dev.bulwark.ratelimit.redis.FailMode;
import dev.bulwark.ratelimit.redis.RedisStoreException;
import dev.bulwark.ratelimit.redis.RedisStores;
import dev.bulwark.ratelimit.sim.Scenario;
import dev.bulwark.ratelimit.sim.SimulationListener;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.ratelimit.sim.SimulationStoppedException;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.util.RedisUris;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the lab, called on a background thread: opens the store (memory, or Redis with a key prefix
 * of its own so runs never share state), runs the simulator, and always closes the store. Counts Redis
 * errors for the view (credentials removed from messages).
 */
final class LabRun implements Callable<LabRun.Outcome> {
    private static final Logger LOG = LoggerFactory.getLogger(LabRun.class);
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(10);

    /**
     * What a run ended with: a result, or stopped by the user with the partial result the simulator had
     * reached (null when the stop came before the simulator started, e.g. while connecting to Redis).
     */
    record Outcome(SimulationResult result, boolean stopped) {
    }

    private final Simulator simulator;
    private final Scenario scenario;
    private final SimulationMode mode;
    private final String redisUri;
    private final String keyPrefix;
    private final TimeSource time;
    private final SimulationListener listener;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicLong storeErrors = new AtomicLong();
    private final AtomicReference<String> lastStoreError = new AtomicReference<>("");

    /**
     * @param redisUri  the Redis store's URI, or null for memory
     * @param keyPrefix Redis key prefix of this run; null for a random one (the run shares nothing)
     * @param listener  receives each second as it completes (on the run's thread)
     */
    LabRun(Simulator simulator, Scenario scenario, SimulationMode mode, String redisUri, String keyPrefix,
           TimeSource time, SimulationListener listener) {
        this.simulator = simulator;
        this.scenario = scenario;
        this.mode = mode;
        this.redisUri = redisUri;
        this.keyPrefix = keyPrefix;
        this.time = time;
        this.listener = listener;
    }

    @Override
    public Outcome call() throws Exception {
        RedisStore store = null;
        try {
            LimiterBackend backend = new InMemoryBackend(1_000_000);
            if (redisUri != null) {
                store = RedisStores.open(redisUri, keyPrefix, FailMode.CLOSED, this::onStoreError, time);
                failIfMisconfigured(store);
                backend = store;
            }
            return new Outcome(simulator.run(scenario, mode, backend, listener), false);
        } catch (SimulationStoppedException e) {
            return new Outcome(e.partial(), true);
        } catch (CancellationException e) {
            return new Outcome(null, true);
        } catch (RuntimeException e) {
            if (stopRequested.get()) {
                // Stop interrupts whatever the run is doing, e.g. waiting for a Redis reply
                LOG.debug("Simulation stopped during a blocking call", e);
                return new Outcome(null, true);
            }
            throw e;
        } finally {
            if (store != null) {
                closeUninterrupted(store);
            }
        }
    }

    /**
     * A wrong password or a cluster node given as one server fails the run at once with the reason (no
     * credentials) instead of a run of fail-closed rejections; a server that is down is left to the fail mode.
     */
    private static void failIfMisconfigured(RedisStore store) {
        store.connectWithin(CONNECT_WAIT).ifPresent(problem -> {
            if (problem.permanent()) {
                throw problem;
            }
            LOG.info("Redis store not ready before the run ({}); decisions fail closed until it is",
                    problem.getMessage());
        });
    }

    /** Marks the run as stopped by the user; the caller then interrupts its thread. */
    void requestStop() {
        stopRequested.set(true);
    }

    long storeErrors() {
        return storeErrors.get();
    }

    String lastStoreError() {
        return lastStoreError.get();
    }

    private void onStoreError(Throwable t) {
        storeErrors.incrementAndGet();
        lastStoreError.set(redact(String.valueOf(t.getMessage())));
    }

    /** A stopped run leaves the interrupt set; closing the client must still wait for its shutdown. */
    private static void closeUninterrupted(RedisStore store) {
        boolean interrupted = Thread.interrupted();
        try {
            store.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes credentials from Redis URIs in messages. */
    static String redact(String message) {
        return RedisUris.redact(message);
    }
}
