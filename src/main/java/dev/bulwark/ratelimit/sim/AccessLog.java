package dev.bulwark.ratelimit.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses access logs in the common or combined log format
 * ({@code host ident user [10/Oct/2000:13:55:36 -0700] "GET /path HTTP/1.0" 200 2326 ...}).
 * Unparseable lines are skipped and reported with their line numbers.
 */
public final class AccessLog {
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"(?:(\\S+) (\\S+)(?: [^\"]*)?|[^\"]*)\" (\\d{3}|-) (?:\\d+|-).*$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final int MAX_REPORTED = 10;

    /** One request: when (epoch seconds), who, and what path. */
    public record Entry(long epochSecond, String ip, String user, String method, String path) {
    }

    /** The parsed entries in file order, and the problems met. */
    public record Parsed(List<Entry> entries, List<String> problems, int badLines) {
    }

    private AccessLog() {
    }

    /** Reads {@code file}. */
    public static Parsed read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int bad = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                String why = null;
                if (!m.matches()) {
                    why = "not in common/combined log format";
                } else {
                    try {
                        long t = OffsetDateTime.parse(m.group(3), TIME).toEpochSecond();
                        entries.add(new Entry(t, m.group(1), m.group(2), m.group(4), m.group(5) == null ? "" : m.group(5)));
                    } catch (DateTimeParseException e) {
                        why = "bad timestamp '" + m.group(3) + "'";
                    }
                }
                if (why != null) {
                    bad++;
                    if (bad <= MAX_REPORTED) {
                        problems.add(file.getFileName() + ":" + no + ": " + why + " (line skipped)");
                    }
                }
            }
        }
        if (bad > MAX_REPORTED) {
            problems.add(file.getFileName() + ": " + (bad - MAX_REPORTED) + " more bad lines skipped");
        }
        return new Parsed(entries, problems, bad);
    }

    /** The operation of a path for cost rules: its first segment ({@code /export/1} is {@code export}). */
    static String operationOf(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = start;
        while (end < path.length() && "/?#".indexOf(path.charAt(end)) < 0) {
            end++;
        }
        return path.substring(start, end);
    }
}
