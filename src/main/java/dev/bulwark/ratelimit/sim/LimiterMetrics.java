package dev.bulwark.ratelimit.sim;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.LimitConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates one limiter's figures during a run; single-threaded. Only the second in progress is counted
 * apart; closed seconds go to the totals and to a {@link SeriesBuffer}, so memory does not grow with the
 * duration.
 */
final class LimiterMetrics {
    private final LimitConfig config;
    private long offered;
    private long allowed;
    private long allowedCost;
    private long secondMax;
    private long totalOffered;
    private long totalAllowed;
    private int closed;
    private final long[] clientOffered;
    private final long[] clientAllowed;
    private final WindowTracker[] windows;
    private final WindowBudget windowBudget;
    private final ClientSecondCounts clientSecond;
    private final SeriesBuffer series;
    final LatencyHistogram latency = new LatencyHistogram();

    /**
     * @param clientNames the run's clients by index
     * @param topClients  busiest clients to keep per second; 0 for no per-client breakdown
     * @param windowEntries allowed requests kept exactly for {@code maxInWindow}, all keys together
     */
    LimiterMetrics(LimitConfig config, List<String> clientNames, int keys, int topClients, long windowEntries) {
        this.config = config;
        this.windowBudget = new WindowBudget(windowEntries, config.periodNanos(), keys);
        int clients = clientNames.size();
        this.clientSecond = new ClientSecondCounts(clientNames, topClients);
        this.series = new SeriesBuffer(ScenarioLimits.MAX_SERIES_POINTS, topClients);
        this.clientOffered = new long[clients];
        this.clientAllowed = new long[clients];
        this.windows = new WindowTracker[keys];
    }

    /** Records a decision in the second in progress (the one after the last closed). */
    void record(int client, int key, long cost, boolean ok, long time) {
        offered++;
        clientOffered[client]++;
        if (clientSecond.enabled()) {
            clientSecond.record(client, ok);
        }
        if (ok) {
            allowed++;
            allowedCost += cost;
            clientAllowed[client]++;
            WindowTracker w = windows[key];
            if (w == null) {
                w = new WindowTracker(config.periodNanos(), windowBudget);
                windows[key] = w;
            }
            long inWindow = w.add(time, cost);
            if (inWindow > secondMax) {
                secondMax = inWindow;
            }
        }
    }

    /**
     * Closes {@code second}: everything recorded since the previous call belongs to it. Seconds must be
     * closed in order, each once.
     */
    SecondSample close(int second) {
        if (second != closed) {
            throw new IllegalStateException("second " + second + " closed out of order; expected " + closed);
        }
        List<ClientResult> top = clientSecond.enabled() ? clientSecond.drain() : List.of();
        long topOffered = 0;
        long topAllowed = 0;
        for (ClientResult c : top) {
            topOffered += c.offered();
            topAllowed += c.allowed();
        }
        SecondSample s = new SecondSample(config.name(), second, offered, allowed, offered - allowed, allowedCost,
                secondMax, top, offered - topOffered, allowed - topAllowed);
        series.add(s);
        totalOffered += offered;
        totalAllowed += allowed;
        offered = 0;
        allowed = 0;
        allowedCost = 0;
        secondMax = 0;
        closed++;
        return s;
    }

    /** Totals over the seconds closed so far. */
    LimiterResult result(List<String> clientNames) {
        long off = totalOffered;
        long ok = totalAllowed;
        long max = 0;
        for (WindowTracker w : windows) {
            if (w != null) {
                max = Math.max(max, w.max());
            }
        }
        List<ClientResult> clients = new ArrayList<>(clientOffered.length);
        for (int c = 0; c < clientOffered.length; c++) {
            clients.add(new ClientResult(clientNames.get(c), clientOffered[c], clientAllowed[c]));
        }
        return new LimiterResult(config.name(), config.algorithm().id(), config.describe(), config.capacity(),
                config.periodNanos(), off, ok, off - ok, max, jain(), latency.quantile(0.5) / 1000,
                latency.quantile(0.99) / 1000, latency.count(), note(max), series.points(), clients);
    }

    /** Jain's index over per-client satisfaction (allowed / offered) of the clients that sent anything. */
    private double jain() {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int c = 0; c < clientOffered.length; c++) {
            if (clientOffered[c] > 0) {
                double x = (double) clientAllowed[c] / clientOffered[c];
                sum += x;
                sumSq += x * x;
                n++;
            }
        }
        return n == 0 || sumSq == 0 ? 1.0 : sum * sum / (n * sumSq);
    }

    private String note(long max) {
        if (max <= config.capacity()) {
            return "";
        }
        String ratio = String.format(java.util.Locale.ROOT, "%.2fx", (double) max / config.capacity());
        if (config.algorithm() == Algorithm.FIXED_WINDOW) {
            return "fixed-window boundary burst: " + max + " allowed within one window of " + config.period()
                    + " (" + ratio + " the limit of " + config.capacity() + "; up to 2x is possible)";
        }
        String why = switch (config.algorithm()) {
            case SLIDING_WINDOW -> "the weighted previous-window estimate undercounts bursts";
            case TOKEN_BUCKET, GCRA, LEAKY_BUCKET -> "burst plus refill within the window";
            default -> "";
        };
        return max + " allowed within one window of " + config.period() + " (" + ratio + " the capacity "
                + config.capacity() + (why.isEmpty() ? ")" : ": " + why + ")");
    }
}
