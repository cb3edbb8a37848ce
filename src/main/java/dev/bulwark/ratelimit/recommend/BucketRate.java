package dev.bulwark.ratelimit.recommend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A refill rate: {@code tokens} per {@code periodSeconds}, kept as integers so the profile's deficit
 * arithmetic is exact.
 *
 * @param tokens        tokens added per period, at least 1
 * @param periodSeconds 1, 60 or 3600 in the default grid; any whole number of seconds
 */
public record BucketRate(long tokens, long periodSeconds) implements Comparable<BucketRate> {

    /** Validates. */
    public BucketRate {
        if (tokens < 1 || tokens > 1_000_000) {
            throw new IllegalArgumentException("rate tokens must be between 1 and 1,000,000, was " + tokens);
        }
        if (periodSeconds < 1 || periodSeconds > 86_400) {
            throw new IllegalArgumentException("rate period must be between 1 s and 1 day, was " + periodSeconds + " s");
        }
    }

    /** Requests per second. */
    public double perSecond() {
        return (double) tokens / periodSeconds;
    }

    /** The period as a duration. */
    public Duration period() {
        return Duration.ofSeconds(periodSeconds);
    }

    /** E.g. {@code 10/s}, {@code 30/min}, {@code 5/h}. */
    @Override
    public String toString() {
        String unit = switch ((int) Math.min(periodSeconds, Integer.MAX_VALUE)) {
            case 1 -> "s";
            case 60 -> "min";
            case 3600 -> "h";
            case 86_400 -> "d";
            default -> periodSeconds + "s";
        };
        return tokens + "/" + unit;
    }

    @Override
    public int compareTo(BucketRate o) {
        return Long.compare(Math.multiplyExact(tokens, o.periodSeconds), Math.multiplyExact(o.tokens, periodSeconds));
    }

    /** Parses {@code 10/s}, {@code 30/min}, {@code 30/m}, {@code 5/h}, {@code 100/d} or a bare number per second. */
    public static BucketRate parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        try {
            long tokens = Long.parseLong(slash < 0 ? t : t.substring(0, slash).trim());
            if (slash < 0) {
                return new BucketRate(tokens, 1);
            }
            long period = switch (t.substring(slash + 1).trim()) {
                case "s", "sec", "second" -> 1;
                case "m", "min", "minute" -> 60;
                case "h", "hour" -> 3600;
                case "d", "day" -> 86_400;
                default -> throw new IllegalArgumentException("bad rate '" + text + "'; expected e.g. 10/s, 30/min, 5/h");
            };
            return new BucketRate(tokens, period);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad rate '" + text + "'; expected e.g. 10/s, 30/min, 5/h", e);
        }
    }

    /**
     * The default grid: from 1 per hour to 1,000 per second, roughly 1-2-3-5 steps, in the unit that keeps
     * the numbers whole.
     */
    public static List<BucketRate> defaultGrid() {
        List<BucketRate> g = new ArrayList<>();
        for (long h : new long[] {1, 2, 5, 10, 20, 30}) {
            g.add(new BucketRate(h, 3600));
        }
        for (long m : new long[] {1, 2, 3, 5, 10, 15, 20, 30, 45}) {
            g.add(new BucketRate(m, 60));
        }
        for (long s : new long[] {1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 300,
                500, 1000}) {
            g.add(new BucketRate(s, 1));
        }
        return g;
    }
}
