package dev.bulwark.docker.logs;

import dev.bulwark.docker.engine.LogChunk;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which lines to show: a substring or regular expression, case-(in)sensitive, and which streams.
 *
 * @param query         text to look for; empty matches every line
 * @param regex         treat {@code query} as a Java regular expression
 * @param caseSensitive match case
 * @param sources       streams to include
 */
public record LogFilter(String query, boolean regex, boolean caseSensitive, Set<LogChunk.Source> sources) {

    public LogFilter {
        query = query == null ? "" : query;
        sources = sources == null || sources.isEmpty() ? EnumSet.allOf(LogChunk.Source.class) : Set.copyOf(sources);
    }

    /** Every line of every stream. */
    public static LogFilter all() {
        return new LogFilter("", false, false, null);
    }

    /**
     * A predicate over lines.
     *
     * @throws IllegalArgumentException when the regular expression is invalid (message names it)
     */
    public Predicate<LogLine> predicate() {
        Predicate<LogLine> bySource = l -> sources.contains(l.source());
        if (query.isEmpty()) {
            return bySource;
        }
        if (regex) {
            try {
                Pattern p = Pattern.compile(query, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                return bySource.and(l -> p.matcher(l.text()).find());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid log search pattern '" + query + "': " + e.getDescription(), e);
            }
        }
        if (caseSensitive) {
            return bySource.and(l -> l.text().contains(query));
        }
        String q = query.toLowerCase(Locale.ROOT);
        return bySource.and(l -> l.text().toLowerCase(Locale.ROOT).contains(q));
    }
}
