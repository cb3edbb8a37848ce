package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.recommend.BucketRate;
import dev.bulwark.ratelimit.recommend.KeyBy;
import dev.bulwark.ratelimit.recommend.LogFilter;
import dev.bulwark.ratelimit.recommend.RecommendOptions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The "Recommend from log…" form's text fields read into the core's {@link RecommendOptions}, each problem named
 * by its field. No state: {@link RecommendViewModel} keeps the fields.
 */
final class RecommendForm {
    private RecommendForm() {
    }

    /**
     * The options the form's fields say, or null with each problem added to {@code errs} as {@code Field: what}.
     *
     * @param target       percentage of keys the limit lets through, e.g. {@code 99} or {@code 99.9 %}
     * @param windows      window lengths separated by commas or spaces, e.g. {@code 1s, 1m}
     * @param excludePaths path prefixes to leave out, comma-separated
     * @param excludeAgent a user-agent pattern to leave out, or blank
     */
    static RecommendOptions options(KeyBy keyBy, String target, String windows, String excludePaths,
                                    String excludeAgent, List<String> errs) {
        BigDecimal t = null;
        try {
            t = new BigDecimal(target.trim().replace("%", ""));
            if (t.signum() <= 0 || t.compareTo(BigDecimal.valueOf(100)) > 0) {
                errs.add("Target: between 0 (excluded) and 100 % of keys");
            }
        } catch (NumberFormatException e) {
            errs.add("Target: a percentage like 99 or 99.9");
        }
        List<Long> ws = new ArrayList<>();
        for (String w : windows.split("[,\\s]+")) {
            if (!w.isBlank()) {
                try {
                    long s = RecommendOptions.parseWindow(w);
                    if (s < 1 || s > 86_400) {
                        errs.add("Windows: " + w + " is outside 1 s to 1 day");
                    } else if (!ws.contains(s)) {
                        ws.add(s);
                    }
                } catch (IllegalArgumentException e) {
                    errs.add("Windows: " + e.getMessage());
                }
            }
        }
        if (ws.isEmpty()) {
            errs.add("Windows: at least one, e.g. 1s, 1m");
        }
        List<String> paths = Arrays.stream(excludePaths.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        LogFilter filter = null;
        try {
            String agent = excludeAgent.isBlank() ? null : excludeAgent.trim();
            filter = new LogFilter(List.of(), paths, List.of(), List.of(), null,
                    LogFilter.agentPattern(agent, "Exclude agents"));
        } catch (IllegalArgumentException e) {
            errs.add(e.getMessage());
        }
        if (!errs.isEmpty()) {
            return null;
        }
        return new RecommendOptions(keyBy, 1, filter, 60, t, RecommendOptions.DEFAULT_STRATEGIES, ws,
                BucketRate.defaultGrid(), 50, 60);
    }
}
