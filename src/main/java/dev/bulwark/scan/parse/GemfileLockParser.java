package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bundler {@code Gemfile.lock}: gems under {@code GEM / specs:} at four spaces of indentation
 * ({@code name (version[-platform])}); {@code DEPENDENCIES} names the direct ones. Gems from {@code GIT}
 * and {@code PATH} sources are not rubygems.org releases and are listed as unpinned.
 */
final class GemfileLockParser implements ManifestParser {
    static final String FORMAT = "Gemfile.lock";
    private static final Pattern SPEC = Pattern.compile("^ {4}([^ (]+) \\(([^)]+)\\)$");
    private static final Pattern DEPENDENCY = Pattern.compile("^ {2}([^ !(]+)");
    private static final Set<String> PLATFORM_HINTS = Set.of("x86", "x64", "arm", "aarch64", "java", "mingw", "mswin",
            "darwin", "linux", "universal", "jruby");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.equals(FORMAT) || fileName.equals("gems.locked");
    }

    private record Spec(String name, String version, int line, String section) {
    }

    @Override
    public void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException {
        ManifestInput.Lines lines = input.lines();
        String section = null;
        List<Spec> specs = new ArrayList<>();
        Set<String> direct = new HashSet<>();
        boolean sawGem = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                section = line.trim();
                sawGem |= section.equals("GEM") || section.equals("GIT") || section.equals("PATH");
                continue;
            }
            if (section == null) {
                throw new ManifestFormatException("unknown format: indented line before any section; not a Gemfile.lock", i + 1);
            }
            switch (section) {
                case "GEM", "GIT", "PATH" -> {
                    Matcher m = SPEC.matcher(line);
                    if (m.matches()) {
                        sink.checkRoom(specs.size() + 1);
                        specs.add(new Spec(m.group(1), m.group(2), i + 1, section));
                    }
                }
                case "DEPENDENCIES" -> {
                    Matcher m = DEPENDENCY.matcher(line);
                    if (m.find()) {
                        direct.add(m.group(1));
                    }
                }
                default -> { }
            }
        }
        if (!sawGem) {
            throw new ManifestFormatException("unknown format: no GEM, GIT or PATH section; not a Gemfile.lock", 1);
        }
        for (Spec s : specs) {
            Relationship rel = direct.isEmpty() ? Relationship.UNKNOWN
                    : direct.contains(s.name()) ? Relationship.DIRECT : Relationship.TRANSITIVE;
            if (!s.section().equals("GEM")) {
                sink.unpinned(Ecosystem.RUBYGEMS, s.name(), s.section().toLowerCase(Locale.ROOT)
                        + " source, version " + s.version(), s.line());
            } else {
                sink.add(Ecosystem.RUBYGEMS, s.name(), stripPlatform(s.version()), s.line(), rel, false);
            }
        }
    }

    /** {@code 1.10.5-x86_64-linux} to {@code 1.10.5}; gem versions themselves never contain a hyphen. */
    static String stripPlatform(String version) {
        int dash = version.indexOf('-');
        if (dash < 0) {
            return version;
        }
        String platform = version.substring(dash + 1);
        boolean looksLikePlatform = PLATFORM_HINTS.stream().anyMatch(platform::contains);
        return looksLikePlatform ? version.substring(0, dash) : version;
    }
}
