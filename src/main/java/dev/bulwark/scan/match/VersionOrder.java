package dev.bulwark.scan.match;

import dev.bulwark.scan.model.Ecosystem;
import io.github.nscuro.versatile.VersionFactory;
import io.github.nscuro.versatile.spi.Version;
import io.github.nscuro.versatile.version.KnownVersioningSchemes;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orders versions per ecosystem with versatile-core (PEP 440, SemVer, Go incl. pseudo-versions and
 * {@code +incompatible}, Maven, Composer, Debian, APK...). Parsed versions are cached: the same event versions recur.
 * RubyGems has no versatile scheme: it is ordered with Maven's rules, and gem versions those rules would order
 * differently from RubyGems are reported as unparseable (see {@link GemVersionCheck}).
 */
public final class VersionOrder {
    // Per ecosystem, version string -> parsed Version or the parse error message.
    private final Map<Ecosystem, Map<String, Object>> cache = new EnumMap<>(Ecosystem.class);

    public VersionOrder() {
        for (Ecosystem e : Ecosystem.values()) {
            cache.put(e, new ConcurrentHashMap<>());
        }
    }

    /** The versatile scheme used for an ecosystem. */
    public static String scheme(Ecosystem ecosystem) {
        return switch (ecosystem) {
            case PYPI -> KnownVersioningSchemes.SCHEME_PYPI;
            case NPM -> KnownVersioningSchemes.SCHEME_NPM;
            case GO -> KnownVersioningSchemes.SCHEME_GOLANG;
            // Cargo versions are SemVer 2.0 (build metadata ignored), as npm's are.
            case CRATES_IO -> KnownVersioningSchemes.SCHEME_NPM;
            case MAVEN -> KnownVersioningSchemes.SCHEME_MAVEN;
            // versatile has no RubyGems provider (its "gem" falls back to a generic order that puts 1.0.0.rc1
            // after 1.0.0); Maven's ordering gets numbers and alpha/beta/rc pre-releases right for gems, and
            // GemVersionCheck refuses the gem versions it would get wrong.
            case RUBYGEMS -> KnownVersioningSchemes.SCHEME_MAVEN;
            case PACKAGIST -> KnownVersioningSchemes.SCHEME_COMPOSER;
            case DEBIAN -> KnownVersioningSchemes.SCHEME_DEBIAN;
            case ALPINE -> KnownVersioningSchemes.SCHEME_APK;
        };
    }

    /** Parses {@code version} for {@code ecosystem}. */
    public Version parse(Ecosystem ecosystem, String version) throws UnparseableVersionException {
        Object v = cache.get(ecosystem).computeIfAbsent(version, k -> {
            if (ecosystem == Ecosystem.RUBYGEMS) {
                var problem = GemVersionCheck.problem(version);
                if (problem.isPresent()) {
                    return problem.get();
                }
            }
            try {
                return VersionFactory.forScheme(scheme(ecosystem), version.trim());
            } catch (RuntimeException e) {
                return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        });
        if (v instanceof Version parsed) {
            return parsed;
        }
        throw new UnparseableVersionException(ecosystem, version, (String) v);
    }

    /** Compares two versions of one ecosystem. */
    public int compare(Ecosystem ecosystem, String a, String b) throws UnparseableVersionException {
        return parse(ecosystem, a).compareTo(parse(ecosystem, b));
    }
}
