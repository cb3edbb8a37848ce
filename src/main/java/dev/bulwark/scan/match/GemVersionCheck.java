package dev.bulwark.scan.match;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guards RubyGems versions before they are ordered with Maven's rules. versatile-core 0.18.1 has no RubyGems
 * scheme (its {@code gem} scheme falls back to a generic order that puts {@code 1.0.0.rc1} after {@code 1.0.0}).
 * Maven's rules agree with RubyGems for numeric segments and for the alpha/beta/milestone/rc/snapshot tags, but
 * not for other tags ({@code .pre}, {@code .dev}, ...: RubyGems puts every lettered version before its release,
 * Maven puts unknown tags after it) nor for {@code -} (RubyGems reads {@code 1.0-1} as the pre-release
 * {@code 1.0.pre.1}). Such versions are reported as unorderable instead of being ordered wrongly; no RubyGems
 * ordering is implemented here.
 */
final class GemVersionCheck {
    /** RubyGems' own version syntax (Gem::Version::VERSION_PATTERN, anchored). */
    private static final Pattern GEM_VERSION =
            Pattern.compile("[0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");
    /** Tags Maven orders before the release, in the same order RubyGems' string comparison gives them. */
    private static final Set<String> PRE_RELEASE_TAGS = Set.of("alpha", "beta", "milestone", "rc", "cr", "snapshot");
    /** Maven reads these single letters as alpha/beta/milestone only when a number follows. */
    private static final Set<String> SHORT_TAGS = Set.of("a", "b", "m");

    private GemVersionCheck() {
    }

    /** Why {@code version} cannot be ordered reliably, or empty when Maven's rules order it as RubyGems does. */
    static Optional<String> problem(String version) {
        String v = version.strip();
        if (!GEM_VERSION.matcher(v).matches()) {
            return Optional.of("not a RubyGems version");
        }
        if (v.indexOf('-') >= 0) {
            return Optional.of("RubyGems reads \"-\" as a pre-release marker, which no available ordering supports"
                    + " (versatile-core has no RubyGems scheme)");
        }
        Matcher m = LETTERS.matcher(v);
        while (m.find()) {
            String tag = m.group().toLowerCase(Locale.ROOT);
            boolean numberFollows = m.end() < v.length() && Character.isDigit(v.charAt(m.end()));
            if (!PRE_RELEASE_TAGS.contains(tag) && !(SHORT_TAGS.contains(tag) && numberFollows)) {
                return Optional.of("pre-release tag \"" + m.group() + "\" cannot be ordered reliably"
                        + " (versatile-core has no RubyGems scheme; Maven's rules would put it after the release)");
            }
        }
        return Optional.empty();
    }
}
