package dev.bulwark.ratelimit.recommend;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.ManualTimeSource;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays the log through the real in-memory limiters (the ones the lab runs), in virtual time: every
 * request of a second is decided at that second's instant ({@code epochSecond x 10^9} ns, so fixed windows
 * align to the clock as in production), in time order after the same reordering as the profile.
 */
final class ReplayVerifier {

    private ReplayVerifier() {
    }

    /**
     * Replays {@code stream}'s log through one limiter per config; the stream must already know every key
     * (it ran the profile), so the store is sized to hold them all and never evicts a key early.
     */
    static List<Verification> replay(Path file, RecommendOptions o, RequestStream stream, List<LimitConfig> configs,
                                     long allowedKeys, LogScanner.Progress progress)
            throws IOException, InterruptedException {
        int keys = stream.keys();
        ManualTimeSource time = new ManualTimeSource(0);
        InMemoryBackend backend = new InMemoryBackend(Math.max(16, keys + keys / 4 + 16));
        int n = configs.size();
        RateLimiter[] limiters = new RateLimiter[n];
        for (int i = 0; i < n; i++) {
            limiters[i] = backend.create(configs.get(i), time);
        }
        long[][] throttled = new long[n][keys];
        long[][] first = new long[n][keys];
        long[] requests = new long[keys];
        ScanReport scan = stream.run(file, o, (second, ids, count) -> {
            time.set(second * 1_000_000_000L);
            for (int i = 0; i < count; i++) {
                int id = ids[i];
                String key = stream.name(id);
                requests[id]++;
                for (int l = 0; l < n; l++) {
                    Decision d = limiters[l].tryAcquire(key);
                    if (!d.allowed() && throttled[l][id]++ == 0) {
                        first[l][id] = second;
                    }
                }
            }
        }, progress);
        if (stream.keys() != keys) {
            // the file changed between the passes: the replay saw keys the profile did not
            throw new IOException(file + ": changed while being read (" + (stream.keys() - keys)
                    + " new keys on the second pass)");
        }
        List<Verification> out = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            long keysThrottled = 0;
            long requestsThrottled = 0;
            List<Verification.ThrottledKey> who = new ArrayList<>();
            for (int id = 0; id < keys; id++) {
                if (throttled[l][id] > 0) {
                    keysThrottled++;
                    requestsThrottled += throttled[l][id];
                    who.add(new Verification.ThrottledKey(stream.name(id), requests[id], throttled[l][id], first[l][id]));
                }
            }
            who.sort(Comparator.comparingLong(Verification.ThrottledKey::throttled).reversed()
                    .thenComparing(Verification.ThrottledKey::key));
            out.add(new Verification(configs.get(l), keys, keysThrottled, scan.used(), requestsThrottled, allowedKeys,
                    who.subList(0, Math.min(who.size(), Math.max(o.topKeys(), 0)))));
        }
        return out;
    }
}
