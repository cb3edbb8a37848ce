package dev.bulwark.ratelimit.recommend;

import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Recommends limits from an access log: one streaming pass builds the per-key profile, the smallest
 * parameters per strategy are read off it, and a second pass replays the log through the real limiters at
 * those parameters and at one unit less, to prove the recommendation is met and tight. Shared by the CLI
 * ({@code ratelimit recommend}) and the lab's "Recommend from log…" flow.
 */
public final class LimitRecommender {

    /** Phases reported to the listener. */
    public enum Phase {
        /** First pass: building the profile. */
        PROFILE,
        /** Second pass: replaying through the limiters. */
        REPLAY
    }

    /** Progress; called from the working thread. */
    @FunctionalInterface
    public interface Listener {
        /** {@code fraction} (0 to 1) of {@code phase} is done. */
        void progress(Phase phase, double fraction);
    }

    /** Thrown when the log has no usable request. */
    public static final class NoRequestsException extends IOException {
        private final transient ScanReport scan;

        NoRequestsException(String message, ScanReport scan) {
            super(message);
            this.scan = scan;
        }

        /** What the scan met. */
        public ScanReport scan() {
            return scan;
        }
    }

    private final TimeSource clock;

    /** A recommender timing its passes with {@code clock}. */
    public LimitRecommender(TimeSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs both passes on the calling thread.
     *
     * @throws NoRequestsException  when no line was usable (all bad or filtered out)
     * @throws IOException          when the log cannot be read
     * @throws InterruptedException when the thread is interrupted (checked as the file is read)
     */
    public RecommendReport run(Path log, RecommendOptions o, Listener listener) throws IOException, InterruptedException {
        long size = Math.max(1, Files.size(log));
        RequestStream stream = new RequestStream();
        Profiler profiler = new Profiler(o.profileWindows(), o.rates());
        long t0 = clock.nanos();
        ScanReport scan = stream.run(log, o, profiler, progress(listener, Phase.PROFILE, size));
        if (scan.used() == 0) {
            String name = log.getFileName() == null ? log.toString() : log.getFileName().toString();
            throw new NoRequestsException(name + ": no usable request (" + scan.lines() + " lines, " + scan.bad()
                    + " unreadable, " + scan.filtered() + " left out by the filters)", scan);
        }
        Profile profile = profiler.result(namesOf(stream));
        long t1 = clock.nanos();
        long kept = Recommender.keysKept(profile.keyCount(), o.targetPercent());
        long allowed = profile.keyCount() - kept;
        List<Recommendation> recs = Recommender.recommend(profile, o);
        List<LimitConfig> configs = new ArrayList<>();
        for (Recommendation r : recs) {
            configs.add(r.config());
            if (r.limit() > 1) {
                configs.add(oneLess(r.config()));
            }
        }
        List<Verification> vs = ReplayVerifier.replay(log, o, stream, configs, allowed,
                progress(listener, Phase.REPLAY, size));
        long t2 = clock.nanos();
        List<Recommendation> verified = new ArrayList<>();
        int i = 0;
        for (Recommendation r : recs) {
            Verification v = vs.get(i++);
            Verification less = r.limit() > 1 ? vs.get(i++) : null;
            verified.add(r.verified(v, less));
        }
        List<Distribution> dists = profile.windows().stream()
                .map(w -> Distribution.of(w, profile.maxInWindow(w))).toList();
        return new RecommendReport(log, o, scan, profile, dists, topKeys(profile, o.topKeys()), allowed, verified,
                t1 - t0, t2 - t1);
    }

    /** {@code c} with one unit less capacity. */
    static LimitConfig oneLess(LimitConfig c) {
        return new LimitConfig("one-less", c.algorithm(), c.capacity() - 1,
                c.isBucket() ? c.tokens() : c.capacity() - 1, c.period(), c.refill());
    }

    private static List<String> namesOf(RequestStream s) {
        return IntStream.range(0, s.keys()).mapToObj(s::name).toList();
    }

    private static List<RecommendReport.TopKey> topKeys(Profile p, int n) {
        return IntStream.range(0, p.keyCount()).boxed()
                .sorted(Comparator.<Integer>comparingLong(k -> p.requests()[k]).reversed()
                        .thenComparing(k -> p.keys().get(k)))
                .limit(n)
                .map(k -> new RecommendReport.TopKey(p.keys().get(k), k, p.requests()[k],
                        p.windows().stream().map(w -> p.maxInWindow(w)[k]).toList()))
                .toList();
    }

    private static LogScanner.Progress progress(Listener l, Phase phase, long size) {
        return bytes -> {
            if (Thread.interrupted()) {
                throw new InterruptedException("recommendation stopped");
            }
            if (l != null) {
                l.progress(phase, Math.min(1.0, (double) bytes / size));
            }
        };
    }
}
