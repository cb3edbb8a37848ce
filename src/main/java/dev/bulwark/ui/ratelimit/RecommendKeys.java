package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.recommend.BucketRate;
import dev.bulwark.ratelimit.recommend.Distribution;
import dev.bulwark.ratelimit.recommend.RecommendReport;
import dev.bulwark.ratelimit.recommend.Recommendation;
import dev.bulwark.ratelimit.recommend.ReportWriter;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The key profile part of the "Recommend from log…" view-model: the busiest keys with their maxima in the chosen
 * window and the bucket capacity they need at the chosen rate, and the percentiles of the per-key maxima in that
 * window. Everything comes from the core report (the same top keys and distributions {@code ratelimit recommend}
 * prints). The chosen window is the selected recommendation's window (a bucket selection keeps the last one); the
 * chosen rate is the selected bucket's rate, else the report's bucket recommendation's rate. FX thread only.
 */
public final class RecommendKeys {
    /**
     * One busy key.
     *
     * @param key            the key
     * @param requests       its requests in the log
     * @param maxInWindow    the most it sent in any chosen window
     * @param bucketCapacity the bucket capacity it needs at the chosen rate, or -1 when no bucket was recommended
     */
    public record Row(String key, long requests, long maxInWindow, long bucketCapacity) {
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty windowHeader = new SimpleStringProperty("Max in window");
    private final StringProperty rateHeader = new SimpleStringProperty("Bucket cap");
    private final StringProperty percentiles = new SimpleStringProperty("");
    private long window;

    /** Shows {@code report} for {@code selected} (either may be null: cleared). */
    void show(RecommendReport report, Recommendation selected) {
        if (report == null || selected == null) {
            rows.clear();
            percentiles.set("");
            window = 0;
            return;
        }
        if (!selected.bucket()) {
            window = selected.windowSeconds();
        } else if (!report.profile().windows().contains(window)) {
            window = report.profile().windows().getFirst();
        }
        BucketRate rate = selected.bucket() ? selected.rate() : report.bucketRate().orElse(null);
        String w = ReportWriter.window(window);
        windowHeader.set("Max in " + w);
        rateHeader.set(rate == null ? "Bucket cap" : "Cap at " + rate);
        rows.setAll(report.topKeys().stream().map(k -> new Row(k.key(), k.requests(), report.maxInWindow(k, window),
                rate == null ? -1 : report.capacityNeed(k, rate))).toList());
        percentiles.set(report.distribution(window).map(RecommendKeys::readout).orElse(""));
    }

    /** {@code Max per key in 1m: p50 4 · p90 12 · p99 40 · p99.9 52 · max 95} (nearest-rank, across all keys). */
    static String readout(Distribution d) {
        return String.format(Locale.ROOT, "Max per key in %s: p50 %,d · p90 %,d · p99 %,d · p99.9 %,d · max %,d",
                ReportWriter.window(d.windowSeconds()), d.p50(), d.p90(), d.p99(), d.p999(), d.max());
    }

    /** The busiest keys, most requests first. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** The header of the window column, e.g. {@code Max in 1m}. */
    public StringProperty windowHeaderProperty() {
        return windowHeader;
    }

    /** The header of the bucket column, e.g. {@code Cap at 10/s}. */
    public StringProperty rateHeaderProperty() {
        return rateHeader;
    }

    /** The percentiles of the per-key maxima in the chosen window, one line. */
    public StringProperty percentilesProperty() {
        return percentiles;
    }
}
