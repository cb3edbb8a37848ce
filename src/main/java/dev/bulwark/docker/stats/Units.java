package dev.bulwark.docker.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;

/** Human-readable figures in the Docker CLI's style (go-units {@code BytesSize}/{@code HumanSize}). */
public final class Units {
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB"};

    private Units() {
    }

    /** Binary units, 4 significant digits: {@code 60.13MiB}, as in the MEM USAGE column. */
    public static String binary(double bytes) {
        return scaled(bytes, 1024, BINARY, 4);
    }

    /** Decimal units, 3 significant digits: {@code 1.23kB}, as in the NET I/O and BLOCK I/O columns. */
    public static String decimal(double bytes) {
        return scaled(bytes, 1000, DECIMAL, 3);
    }

    /** Percent with two decimals: {@code 199.87%}. */
    public static String percent(double p) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", p);
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

    private static String scaled(double value, double base, String[] units, int digits) {
        int i = 0;
        while (value >= base && i < units.length - 1) {
            value /= base;
            i++;
        }
        BigDecimal v = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
        return v.toPlainString() + units[i];
    }
}
