package dev.bulwark.scan.image.binary;

import dev.bulwark.testsupport.Requirements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real binaries for the tests, never committed: fetched with {@code npm pack} from the npm registry (cached under
 * {@code target/real-binaries}) or built with the machine's own Go toolchain; and {@code go version -m} as the
 * independent reader to check our answers against. Skips (locally) or fails (CI) with a reason when a tool is missing.
 */
final class RealBinaries {
    static final Path CACHE = Path.of("target", "real-binaries").toAbsolutePath();

    private RealBinaries() {
    }

    /** {@code file} inside the npm package {@code spec} (e.g. {@code esbuild-linux-64@0.11.23}). */
    static synchronized Path npmFile(String spec, String file) throws IOException, InterruptedException {
        Path dir = CACHE.resolve(spec.replaceAll("[^A-Za-z0-9._-]", "_"));
        Path target = dir.resolve("package").resolve(file);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(dir);
        Result pack = run(dir, Map.of(), 300, "npm", "pack", "--silent", spec);
        if (pack.rc != 0) {
            Requirements.missing("npm pack " + spec + " failed (npm registry unreachable?): " + pack.out.strip());
        }
        String tgz = pack.out.strip().lines().reduce((a, b) -> b).orElse("");
        Result tar = run(dir, Map.of(), 120, "tar", "xzf", tgz);
        if (tar.rc != 0) {
            throw new IOException("tar xzf " + tgz + " failed: " + tar.out);
        }
        Files.deleteIfExists(dir.resolve(tgz));
        if (!Files.isRegularFile(target)) {
            throw new IOException(spec + " has no " + file);
        }
        return target;
    }

    /** The {@code go} command, or a skip/fail when Go is not installed. */
    static String go() throws IOException, InterruptedException {
        Result r = run(Path.of("."), Map.of(), 60, "go", "version");
        if (r.rc != 0) {
            Requirements.missing("the Go toolchain is not installed (apt-get install golang-go): " + r.out.strip());
        }
        return "go";
    }

    /**
     * Builds a tiny real module program for {@code goos/goarch}: module {@code example.com/hello} requiring
     * {@code example.com/lib v1.2.3}, replaced by the local directory {@code ./lib} (works offline, no proxy).
     */
    static synchronized Path goBuildHello(String goos, String goarch) throws IOException, InterruptedException {
        Path out = CACHE.resolve("hello-" + goos + "-" + goarch + (goos.equals("windows") ? ".exe" : ""));
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path src = CACHE.resolve("hello-src");
        Files.createDirectories(src.resolve("lib"));
        Files.writeString(src.resolve("go.mod"), """
                module example.com/hello

                go 1.19

                require example.com/lib v1.2.3

                replace example.com/lib => ./lib
                """);
        Files.writeString(src.resolve("main.go"), """
                package main

                import "example.com/lib"

                func main() { println(lib.Greeting()) }
                """);
        Files.writeString(src.resolve("lib/go.mod"), "module example.com/lib\n\ngo 1.19\n");
        Files.writeString(src.resolve("lib/lib.go"), "package lib\n\nfunc Greeting() string { return \"hello\" }\n");
        Result r = run(src, Map.of("GOOS", goos, "GOARCH", goarch, "GOFLAGS", "-mod=mod", "GOPROXY", "off",
                "CGO_ENABLED", "0"), 300, go(), "build", "-o", out.toString(), ".");
        if (r.rc != 0) {
            throw new IOException("go build for " + goos + "/" + goarch + " failed: " + r.out);
        }
        return out;
    }

    /** What {@code go version -m} reports, read into the same shape (replacements applied, as documented). */
    static BinaryInventory goVersionM(Path binary) throws IOException, InterruptedException {
        Result r = run(Path.of("."), Map.of(), 60, go(), "version", "-m", binary.toString());
        if (r.rc != 0) {
            throw new IOException("go version -m " + binary + " failed: " + r.out);
        }
        List<String> lines = r.out.lines().toList();
        String prefix = binary + ": ";
        if (!lines.get(0).startsWith(prefix)) {
            throw new IOException("unexpected go version -m output: " + r.out);
        }
        String toolchain = lines.get(0).substring(prefix.length());
        BinaryModule main = null;
        List<BinaryModule> deps = new ArrayList<>();
        String last = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.substring(1).split("\t", -1);
            switch (f[0]) {
                case "mod" -> {
                    main = new BinaryModule(f[1], f[2]);
                    last = "mod";
                }
                case "dep" -> {
                    deps.add(new BinaryModule(f[1], f[2]));
                    last = "dep";
                }
                case "=>" -> {
                    BinaryModule rep = new BinaryModule(f[1], f[2]);
                    if ("mod".equals(last)) {
                        main = rep;
                    } else {
                        deps.set(deps.size() - 1, rep);
                    }
                }
                default -> {
                }
            }
        }
        return new BinaryInventory(BinaryInventory.GO, toolchain, main, deps);
    }

    record Result(int rc, String out) {
    }

    static Result run(Path dir, Map<String, String> env, int timeoutSeconds, String... cmd)
            throws IOException, InterruptedException {
        Files.createDirectories(CACHE);
        Path log = Files.createTempFile(CACHE, "run-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Result(127, cmd[0] + " not found: " + e.getMessage());
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(Arrays.toString(cmd) + " timed out after " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
