package dev.bulwark.scan.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.PackageNames;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the on-disk package records of an image by path and reads them: dpkg {@code status} (and distroless
 * {@code status.d/}), apk {@code installed}, Python {@code METADATA}/{@code PKG-INFO}, npm {@code package.json},
 * RubyGems {@code .gemspec} and Maven {@code pom.properties}. Nothing is guessed from file names where the format
 * has the metadata.
 */
final class PackageFiles {
    /** What kind of record a path holds. */
    enum Kind { DPKG, APK, PYTHON, NPM, GEM, JAR, OS_RELEASE, NONE }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NODE_PACKAGE =
            Pattern.compile("(?:^|/)node_modules/((?:@[^/]+/)?[^/@][^/]*)/package\\.json$");
    private static final Pattern GEMSPEC = Pattern.compile("(?:^|/)specifications/[^/]+\\.gemspec$");
    private static final Pattern GEM_NAME = Pattern.compile("\\.name\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern GEM_VERSION = Pattern.compile("\\.version\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final List<String> DPKG_FIELDS = List.of("Package", "Version", "Status", "Source");
    private static final List<String> APK_FIELDS = List.of("P", "V", "o");
    private static final Pattern DPKG_SOURCE = Pattern.compile("^(\\S+)(?:\\s+\\((\\S+)\\))?$");

    private PackageFiles() {
    }

    /** The kind of {@code path} (normalised, relative to the image root). */
    static Kind kind(String path) {
        if (path.equals("var/lib/dpkg/status")
                || path.startsWith("var/lib/dpkg/status.d/") && path.indexOf('/', 22) < 0 && !path.endsWith(".md5sums")) {
            return Kind.DPKG;
        }
        if (path.equals("lib/apk/db/installed")) {
            return Kind.APK;
        }
        if (path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO") || path.endsWith(".egg-info")) {
            return Kind.PYTHON;
        }
        if (path.endsWith("/package.json") && NODE_PACKAGE.matcher(path).find()) {
            return Kind.NPM;
        }
        if (path.endsWith(".gemspec") && GEMSPEC.matcher(path).find()) {
            return Kind.GEM;
        }
        if (path.endsWith(".jar") || path.endsWith(".war") || path.endsWith(".ear")) {
            return Kind.JAR;
        }
        if (path.equals("etc/os-release") || path.equals("usr/lib/os-release")) {
            return Kind.OS_RELEASE;
        }
        return Kind.NONE;
    }

    /** Reads a small record file of the given kind (not JAR, not OS_RELEASE). */
    static List<RawPackage> read(Kind kind, String path, byte[] content) throws IOException {
        return switch (kind) {
            // A dpkg status runs to megabytes with a few non-ASCII names in it, which would make the whole text
            // UTF-16; read it byte for byte (Latin-1: the structure is ASCII) and decode only the values kept.
            case DPKG -> dpkg(new String(content, StandardCharsets.ISO_8859_1), path, true);
            case APK -> apk(new String(content, StandardCharsets.ISO_8859_1), path, true);
            case PYTHON -> python(new String(content, StandardCharsets.UTF_8), path);
            case NPM -> npm(content, path);
            case GEM -> gem(new String(content, StandardCharsets.UTF_8), path);
            default -> throw new IllegalArgumentException("not a record file: " + kind);
        };
    }

    /** Installed packages of a dpkg status file, keyed by source package and source version (what OSV uses). */
    static List<RawPackage> dpkg(String text, String path) {
        return dpkg(text, path, false);
    }

    /** @param latin1 {@code text} holds the file's bytes as Latin-1 characters (values are decoded as UTF-8) */
    private static List<RawPackage> dpkg(String text, String path, boolean latin1) {
        List<RawPackage> out = new ArrayList<>();
        for (Map<String, String> p : paragraphs(text, true, DPKG_FIELDS, latin1)) {
            String name = p.get("Package");
            String version = p.get("Version");
            String status = p.getOrDefault("Status", "install ok installed");
            if (name == null || version == null || !status.endsWith(" installed")) {
                continue; // config-files, half-installed, not-installed: nothing on disk to be vulnerable
            }
            String source = name;
            String sourceVersion = version;
            String field = p.get("Source");
            if (field != null) {
                Matcher m = DPKG_SOURCE.matcher(field.trim());
                if (m.matches()) {
                    source = m.group(1);
                    sourceVersion = m.group(2) == null ? version : m.group(2);
                }
            }
            out.add(new RawPackage(Ecosystem.DEBIAN, source, sourceVersion, name + " " + version, path));
        }
        return out;
    }

    /** Installed packages of an apk database, keyed by origin (the source package OSV's Alpine records use). */
    static List<RawPackage> apk(String text, String path) {
        return apk(text, path, false);
    }

    private static List<RawPackage> apk(String text, String path, boolean latin1) {
        List<RawPackage> out = new ArrayList<>();
        for (Map<String, String> p : paragraphs(text, false, APK_FIELDS, latin1)) {
            String name = p.get("P");
            String version = p.get("V");
            if (name == null || version == null) {
                continue;
            }
            String origin = p.getOrDefault("o", name);
            out.add(new RawPackage(Ecosystem.ALPINE, origin, version, origin.equals(name) ? null : name + " " + version,
                    path));
        }
        return out;
    }

    /** A Python distribution from its core metadata headers (METADATA, PKG-INFO). */
    static List<RawPackage> python(String text, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        // Line by line up to the first blank line: the body (long description) follows it, often most of the file.
        for (int start = 0, len = text.length(); start <= len; ) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? len : nl;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = nl < 0 ? len + 1 : nl + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && !Character.isWhitespace(line.charAt(0))) {
                headers.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        String name = headers.get("Name");
        String version = headers.get("Version");
        if (name == null || version == null || name.isEmpty() || version.isEmpty()) {
            return List.of();
        }
        return List.of(new RawPackage(Ecosystem.PYPI, PackageNames.normalise(Ecosystem.PYPI, name), version, null,
                path));
    }

    static List<RawPackage> npm(byte[] content, String path) throws IOException {
        JsonNode n = JSON.readTree(content);
        if (n == null || !n.isObject() || !n.path("name").isTextual() || !n.path("version").isTextual()) {
            return List.of(); // e.g. a nested package.json that only sets "type"
        }
        return List.of(new RawPackage(Ecosystem.NPM, n.get("name").asText(), n.get("version").asText(), null, path));
    }

    static List<RawPackage> gem(String text, String path) {
        Matcher name = GEM_NAME.matcher(text);
        Matcher version = GEM_VERSION.matcher(text);
        if (!name.find() || !version.find()) {
            return List.of();
        }
        return List.of(new RawPackage(Ecosystem.RUBYGEMS, name.group(1), version.group(1), null, path));
    }

    /** A Maven artifact from a {@code pom.properties} inside a jar. */
    static List<RawPackage> pomProperties(byte[] content, String file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
        String g = p.getProperty("groupId");
        String a = p.getProperty("artifactId");
        String v = p.getProperty("version");
        if (g == null || a == null || v == null || g.isBlank() || a.isBlank() || v.isBlank()) {
            return List.of();
        }
        return List.of(new RawPackage(Ecosystem.MAVEN, g.trim() + ":" + a.trim(), v.trim(), null, file));
    }

    /**
     * Deb822-style paragraphs ({@code Key: value}, continuation lines indented) or apk's {@code K:value}, keeping
     * only the {@code wanted} keys: a dpkg status runs to megabytes and tens of thousands of lines, so lines are
     * walked in place and only the wanted values are cut out as strings (keys are compared in place too).
     *
     * @param latin1 {@code text} holds raw bytes as Latin-1 characters: the values kept are decoded as UTF-8
     */
    private static List<Map<String, String>> paragraphs(String text, boolean continuation, List<String> wanted,
                                                        boolean latin1) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new HashMap<>();
        boolean open = false;
        int len = text.length();
        for (int start = 0; start <= len; ) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? len : nl;
            int next = nl < 0 ? len + 1 : nl + 1;
            if (blank(text, start, end)) {
                if (open) {
                    out.add(current);
                    current = new HashMap<>();
                    open = false;
                }
                start = next;
                continue;
            }
            if (continuation && Character.isWhitespace(text.charAt(start))) {
                start = next;
                continue; // folded field values (Description, Conffiles) are not needed
            }
            int colon = text.indexOf(':', start);
            if (colon > start && colon < end) {
                open = true;
                for (String key : wanted) {
                    if (colon - start == key.length() && text.startsWith(key, start)) {
                        String value = text.substring(colon + 1, end).trim();
                        current.putIfAbsent(key, latin1 ? utf8(value) : value);
                        break;
                    }
                }
            }
            start = next;
        }
        if (open) {
            out.add(current);
        }
        return out;
    }

    /** A value read as Latin-1 characters, decoded as the UTF-8 it is (ASCII, nearly always, is kept as it is). */
    private static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }

    private static boolean blank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code os-release} as key → unquoted value. */
    static Map<String, String> osRelease(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                continue;
            }
            String v = line.substring(eq + 1).trim();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            out.put(line.substring(0, eq).trim(), v);
        }
        return out;
    }
}
