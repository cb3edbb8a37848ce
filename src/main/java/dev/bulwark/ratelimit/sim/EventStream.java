package dev.bulwark.ratelimit.sim;

import dev.bulwark.ratelimit.CostRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * All requests of a scenario in time order, generated deterministically from the seed. Each synthetic
 * client is its own source with its own random stream; replays are pre-parsed; a primitive binary heap
 * merges them. After {@link #next()} returns true, the public fields describe the request.
 */
final class EventStream {
    /** Time of the current request, ns from the start. */
    long time;
    /** Client index into {@link #clientNames()}. */
    int client;
    /** Key index into {@link #keyNames()}. */
    int key;
    /** Cost of the current request. */
    long cost;

    private final long end;
    private final List<Source> sources = new ArrayList<>();
    private final List<String> clientNames = new ArrayList<>();
    private final List<String> keyNames = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int[] heap;
    private long[] heapTime;
    private int heapSize;

    EventStream(Scenario s) throws IOException {
        this.end = s.durationNanos();
        SplittableRandom root = new SplittableRandom(s.seed());
        for (ClientGroup g : s.clients()) {
            if (g.traffic() instanceof Traffic.Replay r) {
                addReplay(g, r, s.costs());
            } else {
                addSynthetic(g, s.costs(), root.split());
            }
        }
        heap = new int[sources.size()];
        heapTime = new long[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            push(i, sources.get(i).first());
        }
    }

    List<String> clientNames() {
        return clientNames;
    }

    List<String> keyNames() {
        return keyNames;
    }

    List<String> problems() {
        return problems;
    }

    /** Advances to the next request; false when the scenario is over. */
    boolean next() {
        while (heapSize > 0) {
            int src = heap[0];
            long t = heapTime[0];
            if (t >= end) {
                return false;
            }
            Source s = sources.get(src);
            s.emit(this);
            time = t;
            long nt = s.advance(t);
            if (nt == Long.MAX_VALUE) {
                pop();
            } else {
                heapTime[0] = nt;
                siftDown(0);
            }
            return true;
        }
        return false;
    }

    private void addSynthetic(ClientGroup g, CostRules costs, SplittableRandom rnd) {
        int keyBase = keyNames.size();
        int keys = g.keyScheme().keyCount(g.count());
        for (int k = 0; k < keys; k++) {
            keyNames.add(switch (g.keyScheme().kind()) {
                case PER_CLIENT -> g.name() + "-" + k;
                case SHARED -> g.name();
                case GROUPS -> g.name() + "-g" + k;
            });
        }
        double totalWeight = g.operations().stream().mapToDouble(ClientGroup.WeightedOp::weight).sum();
        double[] cumulative = new double[g.operations().size()];
        long[] opCosts = new long[cumulative.length];
        double acc = 0;
        for (int i = 0; i < cumulative.length; i++) {
            acc += g.operations().get(i).weight() / totalWeight;
            cumulative[i] = acc;
            opCosts[i] = costs.costOf(g.operations().get(i).operation(), null);
        }
        for (int i = 0; i < g.count(); i++) {
            int client = clientNames.size();
            clientNames.add(g.count() == 1 ? g.name() : g.name() + "#" + i);
            sources.add(new SyntheticSource(Arrivals.of(g.traffic(), end), rnd.split(), client,
                    keyBase + g.keyScheme().keyOf(i), cumulative, opCosts));
        }
    }

    private void addReplay(ClientGroup g, Traffic.Replay r, CostRules costs) throws IOException {
        AccessLog.Parsed parsed = AccessLog.read(r.file());
        problems.addAll(parsed.problems());
        List<AccessLog.Entry> es = new ArrayList<>(parsed.entries());
        if (es.isEmpty()) {
            problems.add(r.file().getFileName() + ": no usable lines; replay group '" + g.name() + "' sends nothing");
            return;
        }
        es.sort((a, b) -> Long.compare(a.epochSecond(), b.epochSecond()));  // stable: keeps file order per second
        long first = es.getFirst().epochSecond();
        Map<String, Integer> ids = new HashMap<>();
        long[] times = new long[es.size()];
        int[] clients = new int[es.size()];
        long[] cs = new long[es.size()];
        int i = 0;
        while (i < es.size()) {
            int j = i;
            while (j < es.size() && es.get(j).epochSecond() == es.get(i).epochSecond()) {
                j++;
            }
            // log timestamps have one-second resolution: spread each second's lines evenly across it
            for (int k = i; k < j; k++) {
                AccessLog.Entry e = es.get(k);
                double offset = (e.epochSecond() - first) * 1e9 + (k - i) * 1e9 / (j - i);
                times[k] = (long) (offset / r.speed());
                String who = r.keyBy() == Traffic.KeyBy.USER && !"-".equals(e.user()) ? e.user() : e.ip();
                Integer id = ids.get(who);
                if (id == null) {
                    id = clientNames.size();
                    ids.put(who, id);
                    clientNames.add(who);
                    keyNames.add(who);
                }
                clients[k] = id;
                cs[k] = costs.costOf(AccessLog.operationOf(e.path()), e.path());
            }
            i = j;
        }
        // replay clients map one-to-one onto keys, so key index == client index offset
        int keyOffset = keyNames.size() - clientNames.size();
        sources.add(new ReplaySource(times, clients, cs, keyOffset));
    }

    // ---- binary heap of sources by next time ----

    private void push(int src, long t) {
        if (t == Long.MAX_VALUE) {
            return;
        }
        int i = heapSize++;
        heap[i] = src;
        heapTime[i] = t;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (heapTime[p] <= heapTime[i]) {
                break;
            }
            swap(i, p);
            i = p;
        }
    }

    private void pop() {
        heapSize--;
        heap[0] = heap[heapSize];
        heapTime[0] = heapTime[heapSize];
        siftDown(0);
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= heapSize) {
                return;
            }
            int m = l + 1 < heapSize && heapTime[l + 1] < heapTime[l] ? l + 1 : l;
            if (heapTime[i] <= heapTime[m]) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        int s = heap[a];
        heap[a] = heap[b];
        heap[b] = s;
        long t = heapTime[a];
        heapTime[a] = heapTime[b];
        heapTime[b] = t;
    }

    /** A producer of requests in time order. */
    private interface Source {
        long first();

        /** Fills client/key/cost of the request at the current head. */
        void emit(EventStream out);

        /** Time of the following request, or {@link Long#MAX_VALUE}. */
        long advance(long now);
    }

    private static final class SyntheticSource implements Source {
        private final Arrivals arrivals;
        private final SplittableRandom rnd;
        private final int client;
        private final int key;
        private final double[] cumulative;
        private final long[] costs;

        SyntheticSource(Arrivals arrivals, SplittableRandom rnd, int client, int key, double[] cumulative,
                        long[] costs) {
            this.arrivals = arrivals;
            this.rnd = rnd;
            this.client = client;
            this.key = key;
            this.cumulative = cumulative;
            this.costs = costs;
        }

        @Override
        public long first() {
            return arrivals.first(rnd);
        }

        @Override
        public void emit(EventStream out) {
            out.client = client;
            out.key = key;
            if (costs.length == 1) {
                out.cost = costs[0];
            } else {
                double u = rnd.nextDouble();
                int i = 0;
                while (i < cumulative.length - 1 && u >= cumulative[i]) {
                    i++;
                }
                out.cost = costs[i];
            }
        }

        @Override
        public long advance(long now) {
            return arrivals.next(now, rnd);
        }
    }

    private static final class ReplaySource implements Source {
        private final long[] times;
        private final int[] clients;
        private final long[] costs;
        private final int keyOffset;
        private int pos;

        ReplaySource(long[] times, int[] clients, long[] costs, int keyOffset) {
            this.times = times;
            this.clients = clients;
            this.costs = costs;
            this.keyOffset = keyOffset;
        }

        @Override
        public long first() {
            return times[0];
        }

        @Override
        public void emit(EventStream out) {
            out.client = clients[pos];
            out.key = clients[pos] + keyOffset;
            out.cost = costs[pos];
        }

        @Override
        public long advance(long now) {
            pos++;
            return pos < times.length ? times[pos] : Long.MAX_VALUE;
        }
    }
}
