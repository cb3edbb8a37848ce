package dev.bulwark.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The application's version, read from the filtered {@code bulwark-version.properties}. */
public final class Version {
    private Version() {
    }

    /** @return the project version, e.g. {@code 0.1.0-SNAPSHOT} */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/bulwark-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bulwark-version.properties", e);
        }
    }
}
