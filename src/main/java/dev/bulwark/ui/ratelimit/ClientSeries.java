package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.sim.ClientResult;
import dev.bulwark.ratelimit.sim.SecondSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-client lines of one limiter's chart: allowed and rejected per second of the clients that offered
 * most over the samples, plus an "other clients" line so every second adds up to the limiter's own figures.
 * A client's line counts its requests in the seconds it was among the simulator's busiest of the second;
 * in any other second its line is 0 and its requests are in "other clients" (a gap would be drawn as a
 * slope between its neighbours, which is worse). So every second adds up exactly. Pure logic: no JavaFX.
 */
final class ClientSeries {
    /** The name of the line for every client not drawn on its own. */
    static final String OTHER = "other clients";

    /** One point: a second's allowed and rejected requests (averages when seconds are merged). */
    record Point(int second, double allowed, double rejected) {
    }

    /** One client's (or the other clients') points in second order. */
    record Line(String client, List<Point> points) {
        Line {
            points = List.copyOf(points);
        }
    }

    private ClientSeries() {
    }

    /**
     * @param samples   one limiter's samples in second order
     * @param clients   how many clients get a line of their own
     * @param maxPoints more seconds than this are averaged in equal runs
     */
    static List<Line> lines(List<SecondSample> samples, int clients, int maxPoints) {
        Map<String, Long> offered = new HashMap<>();
        for (SecondSample s : samples) {
            for (ClientResult c : s.topClients()) {
                offered.merge(c.client(), c.offered(), Long::sum);
            }
        }
        List<String> shown = offered.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(clients).map(Map.Entry::getKey).toList();
        Map<String, List<Point>> points = new LinkedHashMap<>();
        shown.forEach(c -> points.put(c, new ArrayList<>()));
        List<Point> other = new ArrayList<>();
        for (SecondSample s : samples) {
            long shownAllowed = 0;
            long shownOffered = 0;
            for (String c : shown) {
                ClientResult r = find(s, c);
                if (r != null) {
                    // per second, also for a sample covering several seconds (a long run's aggregated series)
                    points.get(c).add(new Point(s.second(), r.allowed() / (double) s.seconds(),
                            (r.offered() - r.allowed()) / (double) s.seconds()));
                    shownAllowed += r.allowed();
                    shownOffered += r.offered();
                } else {
                    points.get(c).add(new Point(s.second(), 0, 0));
                }
            }
            long otherAllowed = s.allowed() - shownAllowed;
            other.add(new Point(s.second(), otherAllowed / (double) s.seconds(),
                    (s.offered() - shownOffered - otherAllowed) / (double) s.seconds()));
        }
        List<Line> out = new ArrayList<>();
        points.forEach((c, p) -> out.add(new Line(c, merge(p, maxPoints, samples.size()))));
        boolean anyOther = other.stream().anyMatch(p -> p.allowed() > 0 || p.rejected() > 0);
        if (anyOther || (shown.isEmpty() && !samples.isEmpty())) {
            out.add(new Line(OTHER, merge(other, maxPoints, samples.size())));
        }
        return out;
    }

    private static ClientResult find(SecondSample s, String client) {
        for (ClientResult c : s.topClients()) {
            if (c.client().equals(client)) {
                return c;
            }
        }
        return null;
    }

    /** Averages runs of {@code step} seconds when there are more than {@code maxPoints} seconds. */
    private static List<Point> merge(List<Point> points, int maxPoints, int seconds) {
        int step = Math.max(1, (seconds + maxPoints - 1) / maxPoints);
        if (step == 1 || points.isEmpty()) {
            return points;
        }
        List<Point> out = new ArrayList<>();
        int first = points.getFirst().second();
        int bucket = -1;
        double allowed = 0;
        double rejected = 0;
        int n = 0;
        int at = 0;
        for (Point p : points) {
            int b = (p.second() - first) / step;
            if (b != bucket && n > 0) {
                out.add(new Point(at, allowed / n, rejected / n));
                allowed = 0;
                rejected = 0;
                n = 0;
            }
            if (n == 0) {
                at = p.second();
            }
            bucket = b;
            allowed += p.allowed();
            rejected += p.rejected();
            n++;
        }
        out.add(new Point(at, allowed / n, rejected / n));
        return out;
    }
}
