package dev.bulwark.ratelimit.redis;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.AsyncRateLimiter;
import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.Refill;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A limiter whose state lives in Redis, shared by every process using the same store and limiter name.
 * Time is the Redis server's, in microseconds; decisions are exact in that unit. Decisions complete
 * normally even when Redis is down (see {@link FailMode}); {@link #resetAsync} may fail.
 */
public final class RedisRateLimiter implements AsyncRateLimiter {
    private static final long MAX_EXACT = 1L << 53;  // Lua numbers are doubles

    private final RedisStore store;
    private final LimitConfig config;
    private final LuaScript script;
    private final String[] fixedArgs;

    RedisRateLimiter(RedisStore store, LimitConfig config) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        long periodNanos = config.periodNanos();
        if (periodNanos % 1000 != 0) {
            throw new IllegalArgumentException("limiter '" + config.name()
                    + "': the Redis store needs a period in whole microseconds, was " + config.period());
        }
        long periodUs = periodNanos / 1000;
        long cap = config.capacity();
        boolean interval = config.algorithm() == Algorithm.TOKEN_BUCKET && config.refill() == Refill.INTERVAL;
        if (config.isBucket() && !interval) {
            long g = gcd(config.tokens(), periodUs);
            long unit = periodUs / g;
            requireExact(cap, unit);
            this.script = LuaScript.BUCKET;
            this.fixedArgs = new String[]{Long.toString(cap), Long.toString(unit), Long.toString(config.tokens() / g)};
        } else if (interval) {
            requireExact(cap, periodUs);
            this.script = LuaScript.INTERVAL;
            this.fixedArgs = new String[]{Long.toString(cap), Long.toString(config.tokens()), Long.toString(periodUs)};
        } else {
            requireExact(cap, periodUs);
            this.script = switch (config.algorithm()) {
                case FIXED_WINDOW -> LuaScript.FIXED;
                case SLIDING_WINDOW -> LuaScript.SLIDING;
                default -> LuaScript.LOG;
            };
            this.fixedArgs = new String[]{Long.toString(cap), Long.toString(periodUs)};
        }
    }

    private void requireExact(long a, long b) {
        if (Math.multiplyHigh(a, b) != 0 || a * b >= MAX_EXACT) {
            throw new IllegalArgumentException("limiter '" + config.name() + "': capacity " + a + " with period "
                    + config.period() + " exceeds the exact range of Redis Lua numbers; use a shorter period");
        }
    }

    private String[] keys(String key) {
        Objects.requireNonNull(key, "key");
        if (script == LuaScript.LOG) {
            return new String[]{store.redisKey(config.name(), key, ":log"), store.redisKey(config.name(), key, ":meta")};
        }
        return new String[]{store.redisKey(config.name(), key, "")};
    }

    private CompletableFuture<Decision> run(String key, long cost, boolean commit) {
        String[] args = new String[fixedArgs.length + 2];
        System.arraycopy(fixedArgs, 0, args, 0, fixedArgs.length);
        args[fixedArgs.length] = Long.toString(cost);
        args[fixedArgs.length + 1] = commit ? "1" : "0";
        return store.eval(script, keys(key), args)
                .handle((r, e) -> e == null ? toDecision(r) : store.failed(e, config));
    }

    private Decision toDecision(List<Object> r) {
        boolean allowed = ((Long) r.get(0)) == 1L;
        long remaining = Math.max(0, (Long) r.get(1));
        long retry = Math.multiplyExact((Long) r.get(2), 1000L);
        long reset = Math.multiplyExact((Long) r.get(3), 1000L);
        return new Decision(allowed, remaining, allowed ? 0 : retry, reset, config.capacity(),
                allowed ? Reason.ALLOWED : Reason.RATE_LIMITED);
    }

    @Override
    public CompletionStage<Decision> tryAcquireAsync(String key, long cost) {
        return decide(key, cost, true);
    }

    @Override
    public CompletionStage<Decision> peekAsync(String key, long cost) {
        return decide(key, cost, false);
    }

    private CompletableFuture<Decision> decide(String key, long cost, boolean commit) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1, was " + cost);
        }
        if (cost > config.capacity()) {
            return run(key, 1, false).thenApply(d -> d.reason() == Reason.STORE_UNAVAILABLE ? d
                    : new Decision(false, d.remaining(), Decision.NEVER, d.resetAfterNanos(), config.capacity(),
                    Reason.COST_EXCEEDS_CAPACITY));
        }
        return run(key, cost, commit);
    }

    @Override
    public CompletionStage<Void> resetAsync(String key) {
        return store.delete(keys(key)).<Void>thenApply(n -> null).whenComplete((v, e) -> {
            if (e != null) {
                store.report(RedisStore.unwrap(e));
            }
        });
    }

    @Override
    public Decision tryAcquire(String key, long cost) {
        return decide(key, cost, true).join();
    }

    @Override
    public Decision peek(String key, long cost) {
        return decide(key, cost, false).join();
    }

    @Override
    public void reset(String key) {
        resetAsync(key).toCompletableFuture().join();
    }

    @Override
    public LimitConfig config() {
        return config;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
