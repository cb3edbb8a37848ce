package dev.bulwark.util;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled libraries and their licences, as the license-maven-plugin generated them from the dependencies'
 * POMs at build time ({@code dev/bulwark/THIRD-PARTY.txt}, grouped by licence). Nothing here is typed by hand:
 * a new dependency appears in About with the next build.
 *
 * @param text      the generated file as is (empty when the resource is missing, e.g. an IDE build)
 * @param libraries one entry per library and licence, in file order
 */
public record ThirdPartyNotices(String text, List<Library> libraries) {
    /** The classpath resource the build writes. */
    public static final String RESOURCE = "/dev/bulwark/THIRD-PARTY.txt";
    private static final Pattern LICENCE = Pattern.compile("^ {4}(\\S.*):$");
    private static final Pattern LIBRARY = Pattern.compile("^\\s+\\* (.+) \\(([^:\\s]+):([^:\\s]+):([^\\s]+) - (.*)\\)$");

    /**
     * One bundled library under one licence.
     *
     * @param name     the library's name from its POM
     * @param coords   {@code group:artifact}
     * @param version  the bundled version
     * @param licence  the licence as the POM names it
     * @param url      the project's URL from its POM (may be empty)
     */
    public record Library(String name, String coords, String version, String licence, String url) {
    }

    public ThirdPartyNotices {
        libraries = List.copyOf(libraries);
    }

    /** This build's notices. */
    public static ThirdPartyNotices current() {
        return read(ThirdPartyNotices.class.getResourceAsStream(RESOURCE));
    }

    static ThirdPartyNotices read(InputStream in) {
        if (in == null) {
            return new ThirdPartyNotices("", List.of());
        }
        StringBuilder text = new StringBuilder();
        List<Library> out = new ArrayList<>();
        String licence = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                text.append(line).append('\n');
                Matcher l = LICENCE.matcher(line);
                if (l.matches()) {
                    licence = l.group(1);
                    continue;
                }
                Matcher m = LIBRARY.matcher(line);
                if (m.matches() && licence != null) {
                    out.add(new Library(m.group(1), m.group(2) + ":" + m.group(3), m.group(4), licence, m.group(5)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new ThirdPartyNotices(text.toString(), out);
    }

    /** Libraries grouped by the licence name their POMs give, in file order. */
    public Map<String, List<Library>> byLicence() {
        Map<String, List<Library>> out = new LinkedHashMap<>();
        libraries.forEach(l -> out.computeIfAbsent(l.licence(), k -> new ArrayList<>()).add(l));
        return out;
    }
}
