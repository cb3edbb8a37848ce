package dev.bulwark.docker.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** Human-readable figures in the Docker CLI's style (go-units {@code BytesSize}/{@code HumanSize}). */
public final class Units {
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB"};
    private static final MathContext FOUR = new MathContext(4, RoundingMode.HALF_EVEN);
    private static final MathContext THREE = new MathContext(3, RoundingMode.HALF_EVEN);

    private Units() {
    }

    /** Binary units, 4 significant digits: {@code 60.13MiB}, as in the MEM USAGE column. */
    public static String binary(double bytes) {
        return scaled(bytes, 1024, BINARY, FOUR);
    }

    /** Decimal units, 3 significant digits: {@code 1.23kB}, as in the NET I/O and BLOCK I/O columns. */
    public static String decimal(double bytes) {
        return scaled(bytes, 1000, DECIMAL, THREE);
    }

    /**
     * Percent with two decimals: {@code 199.87%}. Rounded half-even on the exact binary value, as Go's
     * {@code %.2f} does; no {@link java.util.Formatter}, which is costly on a path run for every row every second.
     */
    public static String percent(double p) {
        if (!Double.isFinite(p)) {
            return (Double.isNaN(p) ? "NaN" : p > 0 ? "+Inf" : "-Inf") + "%";
        }
        return new BigDecimal(p).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    /** Compact duration: {@code 3d 4h}, {@code 5h 2m}, {@code 7m 9s}, {@code 12s}. */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s >= 86_400) {
            return s / 86_400 + "d " + (s % 86_400) / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s + "s";
    }

    private static String scaled(double value, double base, String[] units, MathContext digits) {
        int i = 0;
        while (value >= base && i < units.length - 1) {
            value /= base;
            i++;
        }
        // Go's %.4g / %.3g: round half-even on the exact binary value, no trailing zeros.
        BigDecimal v = new BigDecimal(value).round(digits).stripTrailingZeros();
        return v.toPlainString() + units[i];
    }
}
