package dev.bulwark.scan.image;

import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.testsupport.Requirements;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A real multi-layer image on the test engine, built once per JVM from real third-party files of this machine:
 * its dpkg database and os-release, Debian's Python {@code dist-info}/{@code egg-info} folders, jars from the local
 * Maven repository (plus a Spring-Boot-style fat jar made of them), {@code node_modules} from npm (two esbuild
 * releases, whose Go binaries were built with Go 1.20 and Go 1.17) and Debian's Ruby gemspecs.
 *
 * <pre>
 * FROM bulwark/busybox            (layer 1, the test-services image)
 * COPY rootfs/ /                  (layer 2)
 * RUN rm -rf PyYAML-6.0.dist-info and one jar   (layer 3: whiteouts)
 * COPY upgrade/ /                 (layer 4: PyYAML 5.3.1 metadata, a dpkg status with one package removed and one
 *                                  upgraded)
 * </pre>
 * The docker CLI only builds the fixture; the product never needs it.
 */
public final class TestImages {
    /** The PyPI package the upper layer replaces with a vulnerable version. */
    public static final String PYYAML_OLD = "PyYAML-6.0.dist-info";
    public static final String PYYAML_VULNERABLE = "5.3.1";

    /**
     * The built image.
     *
     * @param tag            its tag on the test engine
     * @param archive        its {@code docker save} output
     * @param rootfs         the folder COPY'd in layer 2 (a root file system without busybox)
     * @param upgrade        the folder COPY'd in layer 4
     * @param removedJar     the jar (image path) layer 3 deletes
     * @param removedDeb     the dpkg package layer 4's status no longer lists
     * @param upgradedDeb    the dpkg package whose version layer 4 changes
     * @param npm            whether node_modules could be installed (npm registry or cache reachable)
     */
    public record Built(String tag, Path archive, Path rootfs, Path upgrade, String removedJar, String removedDeb,
                        String upgradedDeb, boolean npm) {
    }

    private static Built built;

    private TestImages() {
    }

    /** The image, built on first use; skips (locally) when the engine or this machine's data is missing. */
    public static synchronized Built multiLayer() {
        DockerEngineSupport.dockerHost();
        if (!Files.isRegularFile(Path.of("/var/lib/dpkg/status"))) {
            Requirements.missing("/var/lib/dpkg/status not found (a Debian machine is needed for the real dpkg data)");
        }
        if (built == null) {
            try {
                built = build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return built;
    }

    private static Built build() throws IOException {
        Path ctx = Files.createTempDirectory("bulwark-image-test-");
        String tag = "bulwark-test/inventory:" + UUID.randomUUID().toString().substring(0, 8);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(List.of("docker", "rmi", "-f", tag), ctx);
            } catch (IOException e) {
                System.err.println("[bulwark-tests] could not remove " + tag + ": " + e.getMessage());
            }
            deleteTree(ctx);
        }));
        Path rootfs = Files.createDirectories(ctx.resolve("rootfs"));
        Path dpkg = Files.createDirectories(rootfs.resolve("var/lib/dpkg"));
        String status = Files.readString(Path.of("/var/lib/dpkg/status"));
        Files.writeString(dpkg.resolve("status"), status);
        Path usrLib = Files.createDirectories(rootfs.resolve("usr/lib"));
        Files.copy(Path.of("/etc/os-release").toRealPath(), usrLib.resolve("os-release"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));

        Path dist = Path.of("/usr/lib/python3/dist-packages");
        Path distCopy = Files.createDirectories(rootfs.resolve("usr/lib/python3/dist-packages"));
        try (Stream<Path> s = Files.list(dist)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".dist-info")
                    || p.getFileName().toString().endsWith(".egg-info")).toList()) {
                copyTree(p, distCopy.resolve(p.getFileName().toString()));
            }
        }
        if (!Files.isDirectory(distCopy.resolve(PYYAML_OLD))) {
            Requirements.missing(dist.resolve(PYYAML_OLD) + " not found (apt-get install python3-yaml)");
        }

        Path lib = Files.createDirectories(rootfs.resolve("app/lib"));
        List<Path> jars = mavenJars(14);
        for (Path j : jars.subList(0, 10)) {
            Files.copy(j, lib.resolve(j.getFileName().toString()));
        }
        fatJar(jars.subList(10, 14), rootfs.resolve("app/app-fat.jar"));
        String removedJar = "app/lib/" + jars.get(0).getFileName();

        boolean npm = npmInstall(ctx.resolve("npm"));
        if (npm) {
            copyTree(ctx.resolve("npm/node_modules"), rootfs.resolve("app/node/node_modules"));
        }
        Path gems = Path.of("/usr/share/rubygems-integration/all/specifications");
        if (Files.isDirectory(gems)) {
            copyTree(gems, rootfs.resolve("usr/share/rubygems-integration/all/specifications"));
        }

        // Layer 4: PyYAML "downgraded" to a vulnerable release, one dpkg package removed, one upgraded.
        Path upgrade = Files.createDirectories(ctx.resolve("upgrade"));
        Path yaml = Files.createDirectories(upgrade.resolve("usr/lib/python3/dist-packages/PyYAML-"
                + PYYAML_VULNERABLE + ".dist-info"));
        String metadata = Files.readString(dist.resolve(PYYAML_OLD).resolve("METADATA"));
        Files.writeString(yaml.resolve("METADATA"), metadata.replaceFirst("(?m)^Version: .*$",
                "Version: " + PYYAML_VULNERABLE));
        String[] paragraphs = status.split("\n\n");
        String removed = field(paragraphs[1], "Package");
        String upgraded = field(paragraphs[2], "Package");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < paragraphs.length; i++) {
            if (i == 1) {
                continue;
            }
            kept.add(i == 2 ? paragraphs[i].replaceFirst("(?m)^Version: (.*)$", "Version: $1+bulwark1") : paragraphs[i]);
        }
        Files.createDirectories(upgrade.resolve("var/lib/dpkg"));
        Files.writeString(upgrade.resolve("var/lib/dpkg/status"), String.join("\n\n", kept).strip() + "\n");

        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + DockerEngineSupport.image() + "\n"
                + "COPY rootfs/ /\n"
                + "RUN rm -rf /usr/lib/python3/dist-packages/" + PYYAML_OLD + " /" + removedJar + "\n"
                + "COPY upgrade/ /\n");
        Files.writeString(ctx.resolve(".dockerignore"), "npm\n");
        run(List.of("docker", "build", "-q", "-t", tag, "."), ctx);
        Path archive = ctx.resolve("image.tar");
        run(List.of("docker", "save", "-o", archive.toString(), tag), ctx);
        return new Built(tag, archive, rootfs, upgrade, removedJar, removed, upgraded, npm);
    }

    private static String field(String paragraph, String name) {
        for (String line : paragraph.split("\n")) {
            if (line.startsWith(name + ": ")) {
                return line.substring(name.length() + 2).trim();
            }
        }
        throw new IllegalStateException("no " + name + " in " + paragraph);
    }

    /** Jars of the local Maven repository that carry a pom.properties, in a stable order. */
    private static List<Path> mavenJars(int count) throws IOException {
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(repo.resolve("com/fasterxml/jackson"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".jar") && !p.toString().endsWith("-sources.jar"))
                    .sorted().toList()) {
                if (out.stream().anyMatch(o -> o.getFileName().equals(p.getFileName()))) {
                    continue;
                }
                try (ZipFile z = new ZipFile(p.toFile())) {
                    if (z.stream().anyMatch(e -> e.getName().startsWith("META-INF/maven/")
                            && e.getName().endsWith("/pom.properties"))) {
                        out.add(p);
                    }
                }
                if (out.size() == count) {
                    return out;
                }
            }
        }
        Requirements.missing("fewer than " + count + " Jackson jars in ~/.m2 (run ./mvnw dependency:resolve)");
        return out;
    }

    /** A Spring-Boot-style fat jar: the given real jars stored (uncompressed) under BOOT-INF/lib. */
    private static void fatJar(List<Path> jars, Path target) throws IOException {
        try (OutputStream os = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n\n"
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Path j : jars) {
                byte[] bytes = Files.readAllBytes(j);
                ZipEntry e = new ZipEntry("BOOT-INF/lib/" + j.getFileName());
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }

    private static boolean npmInstall(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            run(List.of("npm", "install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts",
                    "esbuild@0.19.12", "esbuild-linux-64@0.13.15"), dir);
            return Files.isDirectory(dir.resolve("node_modules"));
        } catch (IOException e) {
            System.err.println("[bulwark-tests] npm install failed, node_modules checks skipped: " + e.getMessage());
            return false;
        }
    }

    /** Runs a command in {@code dir}; throws with its output when it fails. */
    public static String run(List<String> cmd, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("DOCKER_BUILDKIT", "0");
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createDirectories(t.getParent());
                    Files.createSymbolicLink(t, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[bulwark-tests] could not delete " + root + ": " + e.getMessage());
        }
    }
}
