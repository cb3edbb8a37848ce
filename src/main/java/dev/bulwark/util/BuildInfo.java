package dev.bulwark.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build recorded about itself: the version, the git commit and the build time, written into
 * {@code dev/bulwark/build-info.properties} by the git-commit-id plugin at each build. A build from a source
 * tree without git has no commit; then the fields say {@code unknown} rather than inventing one.
 *
 * @param version    the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit     the abbreviated commit id, or {@code unknown}
 * @param commitTime the commit's time (ISO-8601, UTC), or {@code unknown}
 * @param buildTime  when the build ran (ISO-8601, UTC), or {@code unknown}
 * @param dirty      true when the working tree had uncommitted changes at build time
 */
public record BuildInfo(String version, String commit, String commitTime, String buildTime, boolean dirty) {
    /** The classpath resource the build writes. */
    public static final String RESOURCE = "/dev/bulwark/build-info.properties";
    private static final String UNKNOWN = "unknown";

    /** This build's info. */
    public static BuildInfo current() {
        return read(Version.current(), BuildInfo.class.getResourceAsStream(RESOURCE));
    }

    static BuildInfo read(String version, InputStream in) {
        Properties p = new Properties();
        if (in != null) {
            try (in) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
        return new BuildInfo(version, p.getProperty("git.commit.id.abbrev", UNKNOWN),
                p.getProperty("git.commit.time", UNKNOWN), p.getProperty("git.build.time", UNKNOWN),
                Boolean.parseBoolean(p.getProperty("git.dirty", "false")));
    }

    /** {@code 0.1.0-SNAPSHOT (f65effe, built 2026-12-07T07:34:08Z)}, with {@code +changes} for a dirty tree. */
    public String oneLine() {
        return version + " (" + commit + (dirty ? "+changes" : "") + ", built " + buildTime + ")";
    }
}
