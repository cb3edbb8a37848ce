package dev.bulwark.scan.parse;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 508 requirement from a requirements file, with per-requirement options (such as
 * {@code --hash}) already removed.
 *
 * @param name      PEP 503 normalised name (or the URL/path text for unnamed references)
 * @param specifier the version specifier as written, or a description of a URL/path reference
 * @param pinned    the exact version when the specifier pins one with {@code ==}/{@code ===}, else null
 * @param marker    the environment marker, or null
 */
record RequirementLine(String name, String specifier, String pinned, String marker) {
    private static final Pattern NAMED = Pattern.compile(
            "^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(\\[[^\\]]*])?\\s*(.*)$");
    private static final Pattern CLAUSE = Pattern.compile("^(~=|===|==|!=|<=|>=|<|>)\\s*(\\S+)$");
    private static final Pattern OPTION = Pattern.compile("\\s+--?[A-Za-z][\\w-]*(?:[=\\s]|$).*$");
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)");

    /** Parses the requirement text; empty when it is not a requirement at all. */
    static Optional<RequirementLine> parse(String text) {
        String s = OPTION.matcher(" " + text).replaceFirst("").trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (URL.matcher(s).find() || s.startsWith(".") || s.startsWith("/") || s.startsWith("~")) {
            return Optional.of(reference(s, s));
        }
        String marker = null;
        int semi = s.indexOf(';');
        if (semi >= 0) {
            marker = s.substring(semi + 1).trim();
            s = s.substring(0, semi).trim();
        }
        Matcher m = NAMED.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = Parsing.pep503(m.group(1));
        String spec = m.group(3).trim();
        if (spec.startsWith("@")) {
            return Optional.of(new RequirementLine(name, "direct reference " + spec.substring(1).trim(), null, marker));
        }
        if (spec.startsWith("(") && spec.endsWith(")")) {
            spec = spec.substring(1, spec.length() - 1).trim();
        }
        if (spec.isEmpty()) {
            return Optional.of(new RequirementLine(name, "", null, marker));
        }
        String pinned = null;
        for (String clause : spec.split(",")) {
            Matcher c = CLAUSE.matcher(clause.trim());
            if (!c.matches()) {
                return Optional.empty();
            }
            String op = c.group(1);
            String version = c.group(2);
            if ((op.equals("==") || op.equals("===")) && !version.contains("*")) {
                pinned = version;
            }
        }
        return Optional.of(new RequirementLine(name, spec, pinned, marker));
    }

    /** A URL or path requirement: named after its {@code #egg=} fragment when it has one. */
    private static RequirementLine reference(String text, String spec) {
        Matcher egg = EGG.matcher(text);
        String name = egg.find() ? Parsing.pep503(egg.group(1)) : text.toLowerCase(Locale.ROOT);
        return new RequirementLine(name, "URL or path reference " + spec, null, null);
    }
}
