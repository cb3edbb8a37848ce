package dev.bulwark.ratelimit.sim;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.LimitConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The documented limits of a scenario, checked by {@link ScenarioLoader} (so by the CLI and the lab's form
 * alike). Each problem names the field and the limit. They keep a run's time and memory within what a laptop
 * and the launcher's 512 MB heap can do: memory grows with the clients and limiters (bounded here), never with
 * the duration (the kept series is aggregated beyond {@link #MAX_SERIES_POINTS} points), and the work grows with
 * the requests offered (bounded here; a legal but large run reports progress and can be stopped).
 */
public final class ScenarioLimits {
    /** Longest scenario. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);
    /** Highest rate of one client, in requests per second (every traffic rate: rate, peak, from, to). */
    public static final double MAX_RATE = 1_000_000;
    /** Most synthetic clients in a scenario, all groups together (each group's {@code count} too). */
    public static final int MAX_CLIENTS = 50_000;
    /** Most limiters compared in one run. */
    public static final int MAX_LIMITERS = 10;
    /** Most requests a scenario may be expected to offer: count x mean rate x duration, summed over the groups. */
    public static final long MAX_REQUESTS = 1_000_000_000L;
    /**
     * Most requests the sliding-log limiters of a run may have to remember at once (each keeps every request it
     * allowed within its window), estimated as the peak request rate x the window, or keys x limit if smaller.
     */
    public static final long MAX_REMEMBERED = 5_000_000;
    /** Largest cost of one request (the default cost and every rule). */
    public static final long MAX_COST = 1_000_000;
    /** Largest scenario file. */
    public static final long MAX_SCENARIO_BYTES = 1024 * 1024;
    /** Largest access log a replay group reads. */
    public static final long MAX_REPLAY_BYTES = 256L * 1024 * 1024;
    /**
     * Most points of each limiter's series kept in a result: runs up to this many seconds keep one point per
     * second; longer runs merge neighbouring points so each covers 2, 4, 8, ... seconds.
     */
    public static final int MAX_SERIES_POINTS = 3_600;

    private ScenarioLimits() {
    }

    /** The problem with a scenario's duration ({@code written} as in the file), or null. */
    static String duration(Duration d, String written, String field) {
        if (d.compareTo(MAX_DURATION) > 0) {
            return field + ": " + written + " is over the limit of " + MAX_DURATION.toDays() + " days ("
                    + MAX_DURATION.toHours() + "h)";
        }
        return null;
    }

    /** The problem with a rate field of one client, or null. */
    private static String rate(double rate, String field) {
        if (rate > MAX_RATE) {
            return field + ": " + number(rate) + " requests/s per client is over the limit of "
                    + number(MAX_RATE);
        }
        return null;
    }

    /** Problems with the rates of one client's traffic ({@code path} names the traffic field). */
    static List<String> rates(Traffic t, String path) {
        List<String> out = new ArrayList<>();
        switch (t) {
            case Traffic.Constant c -> add(out, rate(c.rate(), path + ".rate"));
            case Traffic.Poisson p -> add(out, rate(p.rate(), path + ".rate"));
            case Traffic.OnOff o -> add(out, rate(o.rate(), path + ".rate"));
            case Traffic.Ramp r -> {
                add(out, rate(r.from(), path + ".from"));
                add(out, rate(r.to(), path + ".to"));
            }
            case Traffic.Spike s -> {
                add(out, rate(s.rate(), path + ".rate"));
                add(out, rate(s.peak(), path + ".peak"));
            }
            case Traffic.Replay r -> {
                // a replay's pace comes from its log, whose size is limited instead
            }
        }
        return out;
    }

    private static void add(List<String> out, String problem) {
        if (problem != null) {
            out.add(problem);
        }
    }

    /** The problem with a group's client count, or null. */
    static String count(long count, String field) {
        if (count > MAX_CLIENTS) {
            return field + ": " + number(count) + " clients is over the limit of " + number(MAX_CLIENTS)
                    + " clients per scenario";
        }
        return null;
    }

    /** The problem with a cost, or null. */
    static String cost(long cost, String field) {
        if (cost > MAX_COST) {
            return field + ": " + number(cost) + " is over the limit of " + number(MAX_COST) + " per request";
        }
        return null;
    }

    /** The problem with a replayed access log's size, or null. */
    static String replaySize(long bytes, String field) {
        if (bytes > MAX_REPLAY_BYTES) {
            return field + ": the log is " + bytes / (1024 * 1024) + " MB, over the limit of "
                    + MAX_REPLAY_BYTES / (1024 * 1024) + " MB";
        }
        return null;
    }

    /**
     * Problems with the scenario as a whole: clients, limiters, requests and the sliding logs' memory, summed
     * over the groups.
     */
    static List<String> totals(long durationNanos, List<ClientGroup> groups, List<LimitConfig> limiterList) {
        List<String> out = new ArrayList<>();
        int limiters = limiterList.size();
        long clients = 0;
        long keys = 0;
        double requests = 0;
        double peakRate = 0;
        for (ClientGroup g : groups) {
            if (!(g.traffic() instanceof Traffic.Replay)) {
                clients += g.count();
                keys += g.keyScheme().keyCount(g.count());
                requests += g.count() * meanRate(g.traffic(), durationNanos) * (durationNanos / 1e9);
                peakRate += g.count() * peakRate(g.traffic());
            }
        }
        if (clients > MAX_CLIENTS) {
            out.add("clients: " + number(clients) + " clients in all groups is over the limit of "
                    + number(MAX_CLIENTS) + " clients per scenario");
        }
        if (limiters > MAX_LIMITERS) {
            out.add("limiters: " + limiters + " limiters is over the limit of " + MAX_LIMITERS);
        }
        if (requests > MAX_REQUESTS) {
            out.add("clients: about " + number(requests) + " requests offered (count x mean rate x duration,"
                    + " summed over the groups) is over the limit of " + number(MAX_REQUESTS)
                    + "; shorten the duration, or lower the counts or rates");
        }
        double remembered = 0;
        for (LimitConfig c : limiterList) {
            if (c.algorithm() == Algorithm.SLIDING_LOG) {
                double window = Math.min(c.periodNanos(), durationNanos) / 1e9;
                remembered += Math.min(peakRate * window, (double) keys * c.capacity());
            }
        }
        if (remembered > MAX_REMEMBERED) {
            out.add("limiters: the sliding logs would remember about " + number(remembered) + " requests (each"
                    + " keeps every request it allowed within its window: peak request rate x window, or keys x"
                    + " limit), over the limit of " + number(MAX_REMEMBERED) + "; shorten their window or lower"
                    + " their limit");
        }
        return out;
    }

    /** Highest requests per second of one client. */
    private static double peakRate(Traffic t) {
        return switch (t) {
            case Traffic.Constant c -> c.rate();
            case Traffic.Poisson p -> p.rate();
            case Traffic.OnOff o -> o.rate();
            case Traffic.Ramp r -> Math.max(r.from(), r.to());
            case Traffic.Spike s -> Math.max(s.rate(), s.peak());
            case Traffic.Replay r -> 0;
        };
    }

    /** Mean requests per second of one client over a run of {@code durationNanos}. */
    static double meanRate(Traffic t, long durationNanos) {
        double seconds = durationNanos / 1e9;
        return switch (t) {
            case Traffic.Constant c -> c.rate();
            case Traffic.Poisson p -> p.rate();
            case Traffic.OnOff o -> o.rate() * o.onNanos() / (double) (o.onNanos() + o.offNanos());
            case Traffic.Ramp r -> (r.from() + r.to()) / 2;
            case Traffic.Spike s -> {
                double end = Math.min((double) durationNanos, (double) s.atNanos() + s.lengthNanos());
                double peakSeconds = Math.max(0, end - s.atNanos()) / 1e9;
                yield s.rate() + (s.peak() - s.rate()) * peakSeconds / seconds;
            }
            case Traffic.Replay r -> 0;
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
