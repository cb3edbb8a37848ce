package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.recommend.Recommendation;
import dev.bulwark.ratelimit.recommend.ReportWriter;
import dev.bulwark.ratelimit.recommend.Verification;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Pure helpers of the "Recommend from log…" view-model: table rows and the cumulative distribution. */
final class ChartData {
    private ChartData() {
    }

    /** The table row of {@code r}. */
    static RecommendViewModel.Row row(Recommendation r) {
        Verification v = r.verification();
        String params = r.bucket() ? "cap " + r.limit() + ", " + r.rate()
                : r.limit() + " per " + ReportWriter.window(r.windowSeconds());
        String less = r.oneLess() == null ? "limit 1" : Long.toString(r.oneLess().keysThrottled());
        return new RecommendViewModel.Row(r, r.strategy().id(), params, v.keysThrottled(), v.requestsThrottled(), less);
    }

    /** The share of keys (percent) whose need is at most x, as a staircase of at most about {@code points} points. */
    static List<RecommendViewModel.Point> cdf(long[] needs, int points) {
        long[] s = needs.clone();
        Arrays.sort(s);
        int n = s.length;
        List<RecommendViewModel.Point> out = new ArrayList<>();
        int step = Math.max(1, n / points);
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && s[j + 1] == s[i]) {
                j++;
            }
            // y: the share of keys at or below this value
            out.add(new RecommendViewModel.Point(s[i], 100.0 * (j + 1) / n));
            i = Math.max(j + 1, i + step);
        }
        if (out.isEmpty() || out.getLast().y() < 100) {
            out.add(new RecommendViewModel.Point(s[n - 1], 100));
        }
        return out;
    }
}
