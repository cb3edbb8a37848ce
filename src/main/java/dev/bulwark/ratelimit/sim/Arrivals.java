package dev.bulwark.ratelimit.sim;

import java.util.SplittableRandom;

/** Arrival times of one client. Stateful (keeps fractional time), so one instance per client. */
abstract class Arrivals {
    static final long NONE = Long.MAX_VALUE;

    /** Time of the first request. */
    abstract long first(SplittableRandom rnd);

    /** Time of the request after the one at {@code now}. */
    abstract long next(long now, SplittableRandom rnd);

    static Arrivals of(Traffic t, long end) {
        return switch (t) {
            case Traffic.Constant c -> new Constant(c.rate());
            case Traffic.Poisson p -> new Thinned(p.rate(), now -> p.rate(), end);
            case Traffic.OnOff o -> new Thinned(o.rate(),
                    now -> now % (o.onNanos() + o.offNanos()) < o.onNanos() ? o.rate() : 0, end);
            case Traffic.Ramp r -> new Thinned(Math.max(r.from(), r.to()),
                    now -> r.from() + (r.to() - r.from()) * Math.min(1.0, (double) now / end), end);
            case Traffic.Spike s -> new Thinned(Math.max(s.rate(), s.peak()),
                    now -> now >= s.atNanos() && now < s.atNanos() + s.lengthNanos() ? s.peak() : s.rate(), end);
            case Traffic.Replay r -> throw new IllegalArgumentException("replay traffic is not a per-client process");
        };
    }

    /** Evenly spaced with a random phase. */
    private static final class Constant extends Arrivals {
        private final double interval;
        private double pos;

        Constant(double rate) {
            this.interval = 1e9 / rate;
        }

        @Override
        long first(SplittableRandom rnd) {
            pos = rnd.nextDouble() * interval;
            return (long) pos;
        }

        @Override
        long next(long now, SplittableRandom rnd) {
            pos += interval;
            return pos >= 9.0e18 ? NONE : (long) pos;
        }
    }

    /** Rate as a function of time (ns from start). */
    @FunctionalInterface
    interface RateAt {
        double at(long now);
    }

    /** Non-homogeneous Poisson process by thinning a homogeneous one at the maximum rate. */
    private static final class Thinned extends Arrivals {
        private final double max;
        private final RateAt rate;
        private final long end;
        private double pos;

        Thinned(double max, RateAt rate, long end) {
            this.max = max;
            this.rate = rate;
            this.end = end;
        }

        @Override
        long first(SplittableRandom rnd) {
            pos = 0;
            return step(rnd);
        }

        @Override
        long next(long now, SplittableRandom rnd) {
            return step(rnd);
        }

        private long step(SplittableRandom rnd) {
            if (!(max > 0)) {
                return NONE;
            }
            while (true) {
                pos += -Math.log(1.0 - rnd.nextDouble()) / max * 1e9;
                if (pos >= end) {
                    return NONE;
                }
                long t = (long) pos;
                double r = rate.at(t);
                if (r >= max || rnd.nextDouble() * max < r) {
                    return t;
                }
            }
        }
    }
}
