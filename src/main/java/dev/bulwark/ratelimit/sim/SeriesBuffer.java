package dev.bulwark.ratelimit.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One limiter's series as kept for the result, in memory bounded by {@code capacity} points whatever the
 * duration: one point per second until it is full, then neighbouring points are merged pairwise and each new
 * point covers twice as many seconds as before. Single-threaded.
 */
final class SeriesBuffer {
    private final int capacity;
    private final int topClients;
    private final List<SecondSample> points;
    /** Seconds each kept point covers. */
    private int span = 1;
    /** The point being filled while {@code span > 1}. */
    private SecondSample pending;

    /**
     * @param capacity   most points kept (even, at least 2)
     * @param topClients most clients a merged point breaks out
     */
    SeriesBuffer(int capacity, int topClients) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 2, was " + capacity);
        }
        this.capacity = capacity;
        this.topClients = topClients;
        this.points = new ArrayList<>(Math.min(capacity, 64));
    }

    /** Adds the sample of the next second. */
    void add(SecondSample s) {
        pending = pending == null ? s : merge(pending, s, topClients);
        if (pending.seconds() >= span) {
            points.add(pending);
            pending = null;
            if (points.size() == capacity) {
                compact();
            }
        }
    }

    /** The kept points in order, the one being filled last. */
    List<SecondSample> points() {
        List<SecondSample> out = new ArrayList<>(points.size() + 1);
        out.addAll(points);
        if (pending != null) {
            out.add(pending);
        }
        return out;
    }

    private void compact() {
        List<SecondSample> merged = new ArrayList<>(capacity / 2);
        for (int i = 0; i < points.size(); i += 2) {
            merged.add(merge(points.get(i), points.get(i + 1), topClients));
        }
        points.clear();
        points.addAll(merged);
        span *= 2;
    }

    /**
     * {@code a} followed by {@code b} as one sample: sums, the larger {@code maxInWindow}, and the busiest
     * {@code top} of the clients either broke out (the rest are "other clients", so the parts still add up).
     */
    static SecondSample merge(SecondSample a, SecondSample b, int top) {
        Map<String, long[]> byClient = new LinkedHashMap<>();
        for (SecondSample s : List.of(a, b)) {
            for (ClientResult c : s.topClients()) {
                long[] t = byClient.computeIfAbsent(c.client(), k -> new long[2]);
                t[0] += c.offered();
                t[1] += c.allowed();
            }
        }
        List<ClientResult> clients = byClient.entrySet().stream()
                .map(e -> new ClientResult(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(ClientResult::offered).reversed())
                .limit(top).toList();
        long offered = a.offered() + b.offered();
        long allowed = a.allowed() + b.allowed();
        long topOffered = clients.stream().mapToLong(ClientResult::offered).sum();
        long topAllowed = clients.stream().mapToLong(ClientResult::allowed).sum();
        return new SecondSample(a.limiter(), a.second(), offered, allowed, a.rejected() + b.rejected(),
                a.allowedCost() + b.allowedCost(), Math.max(a.maxInWindow(), b.maxInWindow()), clients,
                offered - topOffered, allowed - topAllowed, a.seconds() + b.seconds());
    }
}
