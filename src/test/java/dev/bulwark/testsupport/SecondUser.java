package dev.bulwark.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real second user for permission tests: a throwaway system account made with {@code useradd} (so the tests run
 * as root) and removed with {@code userdel} on {@link #close()}; commands run as it through {@code setpriv}. Without
 * root or those tools the test is skipped (locally) or failed (CI) through {@link Requirements#missing}.
 */
public final class SecondUser implements AutoCloseable {
    /**
     * The JVM option every Java run as a throwaway user needs: without it the JVM leaves a {@code /tmp/hsperfdata_USER}
     * folder behind (always in /tmp, whatever {@code java.io.tmpdir} says), owned by an account deleted after the test.
     */
    public static final String NO_PERF_DATA = "-XX:-UsePerfData";

    private final String name;
    private final Path classPathDir;
    private String classPath;

    private SecondUser(String name, Path classPathDir) {
        this.name = name;
        this.classPathDir = classPathDir;
    }

    /**
     * Creates the account. {@code scratch} must be a folder this user may traverse: the readable copy of the class
     * path is made in it.
     */
    public static SecondUser create(Path scratch) throws IOException, InterruptedException {
        if (!"0".equals(output("id", "-u").strip())) {
            Requirements.missing("permission tests need root (to add a throwaway user); running as uid "
                    + output("id", "-u").strip());
        }
        for (String tool : List.of("/usr/sbin/useradd", "/usr/sbin/userdel", "/usr/bin/setpriv")) {
            if (!Files.isExecutable(Path.of(tool))) {
                Requirements.missing(tool + " is missing (apt-get install passwd util-linux)");
            }
        }
        String name = "bwt" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        run("/usr/sbin/useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name);
        return new SecondUser(name, Files.createDirectories(scratch.resolve("cp-" + name)));
    }

    public String name() {
        return name;
    }

    /** What runs a command as this user (no supplementary groups). */
    List<String> commandPrefix() {
        return List.of("/usr/bin/setpriv", "--reuid=" + name, "--regid=" + name, "--clear-groups", "--");
    }

    /**
     * The test class path, readable by this user: jars are hard-linked (or copied) into a world-readable folder,
     * since the local Maven repository usually lies under root's private home; test classes are left off.
     */
    synchronized String readableClassPath() {
        if (classPath != null) {
            return classPath;
        }
        try {
            List<String> entries = new ArrayList<>();
            int i = 0;
            for (String e : ChildCli.productionClassPath().split(File.pathSeparator)) {
                Path p = Path.of(e);
                if (Files.isDirectory(p)) {
                    entries.add(e); // the build's classes: in the work tree, readable
                    continue;
                }
                Path link = classPathDir.resolve((i++) + "-" + p.getFileName());
                try {
                    Files.createLink(link, p);
                } catch (IOException | UnsupportedOperationException ex) {
                    Files.copy(p, link);
                }
                entries.add(link.toString());
            }
            Files.setPosixFilePermissions(classPathDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            classPath = String.join(File.pathSeparator, entries);
            return classPath;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the class path readable for " + name, e);
        }
    }

    /** Opens {@code dir} and its parents up to the temp folder for traversal by others (JUnit makes them 0700). */
    public static void openForOthers(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath(); p != null && !p.equals(Path.of(System.getProperty("java.io.tmpdir")));
             p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("/usr/sbin/userdel", name);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        }
    }

    private static String output(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
