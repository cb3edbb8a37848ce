package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.Ecosystem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A package URL ({@code pkg:type/namespace/name@version?qualifiers#subpath}) per the purl spec, and its
 * mapping to an OSV ecosystem and package name.
 *
 * @param type      lower-case type, e.g. {@code golang}
 * @param namespace decoded namespace or null
 * @param name      decoded name
 * @param version   decoded version or null
 */
record Purl(String type, String namespace, String name, String version) {

    /** Parses {@code purl}; empty when it is not a syntactically valid package URL. */
    static Optional<Purl> parse(String purl) {
        if (purl == null || !purl.regionMatches(true, 0, "pkg:", 0, 4)) {
            return Optional.empty();
        }
        String rest = purl.substring(4);
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        String version = null;
        int at = rest.lastIndexOf('@');
        int lastSlash = rest.lastIndexOf('/');
        if (at > lastSlash) {
            version = decode(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String type = rest.substring(0, slash).toLowerCase(Locale.ROOT);
        String path = rest.substring(slash + 1);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int nameAt = path.lastIndexOf('/');
        String namespace = nameAt < 0 ? null : decodeSegments(path.substring(0, nameAt));
        String name = decode(path.substring(nameAt + 1));
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Purl(type, namespace, name, version == null || version.isEmpty() ? null : version));
    }

    private static String decodeSegments(String s) {
        StringBuilder sb = new StringBuilder();
        for (String seg : s.split("/")) {
            if (!seg.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : "/").append(decode(seg));
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The OSV ecosystem of this purl's type, when it is one we match. */
    Optional<Ecosystem> ecosystem() {
        return switch (type) {
            case "pypi" -> Optional.of(Ecosystem.PYPI);
            case "npm" -> Optional.of(Ecosystem.NPM);
            case "golang" -> Optional.of(Ecosystem.GO);
            case "cargo" -> Optional.of(Ecosystem.CRATES_IO);
            case "maven" -> Optional.of(Ecosystem.MAVEN);
            case "gem" -> Optional.of(Ecosystem.RUBYGEMS);
            case "composer" -> Optional.of(Ecosystem.PACKAGIST);
            default -> Optional.empty();
        };
    }

    /** The package name as OSV spells it for this ecosystem. */
    String osvName() {
        return switch (type) {
            case "pypi" -> Parsing.pep503(name);
            case "maven" -> namespace == null ? name : namespace + ":" + name;
            case "npm", "golang", "composer" -> namespace == null ? name : namespace + "/" + name;
            default -> name;
        };
    }
}
