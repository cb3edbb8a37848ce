package dev.bulwark.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.testsupport.Requirements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian and APK ordering through versatile-core, on real version strings: every version {@code dpkg-query -W}
 * lists on this machine, checked against {@code dpkg --compare-versions} itself.
 */
class OsVersionOrderTest {
    private final VersionOrder order = new VersionOrder();

    @TempDir
    Path tmp;

    @Test
    void everyInstalledDebianVersionSortsAsDpkgSortsIt() throws Exception {
        List<String> versions = new ArrayList<>(new TreeSet<>(List.of(run(List.of("dpkg-query", "-W", "-f",
                "${Version}\\n${source:Version}\\n")).strip().split("\n"))));
        assertThat(versions).hasSizeGreaterThan(100);
        Comparator<String> cmp = (a, b) -> {
            try {
                return order.compare(Ecosystem.DEBIAN, a, b);
            } catch (UnparseableVersionException e) {
                throw new AssertionError(e);
            }
        };
        List<String> sorted = new ArrayList<>(versions);
        sorted.sort(cmp); // TimSort also notices many contract violations

        // Neighbours of the sorted list, and a seeded sample of random pairs, against dpkg's own answer.
        List<String[]> pairs = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            pairs.add(new String[]{sorted.get(i - 1), sorted.get(i)});
        }
        Random random = new Random(42);
        for (int i = 0; i < 400; i++) {
            pairs.add(new String[]{versions.get(random.nextInt(versions.size())),
                    versions.get(random.nextInt(versions.size()))});
        }
        List<String> dpkg = dpkgCompare(pairs);
        for (int i = 0; i < pairs.size(); i++) {
            int ours = Integer.signum(cmp.compare(pairs.get(i)[0], pairs.get(i)[1]));
            String expected = dpkg.get(i);
            assertThat(ours == 0 ? "eq" : ours < 0 ? "lt" : "gt").as(pairs.get(i)[0] + " vs " + pairs.get(i)[1])
                    .isEqualTo(expected);
        }
        // Transitivity on a sample of triples.
        for (int i = 0; i < 2000; i++) {
            String a = versions.get(random.nextInt(versions.size()));
            String b = versions.get(random.nextInt(versions.size()));
            String c = versions.get(random.nextInt(versions.size()));
            if (cmp.compare(a, b) <= 0 && cmp.compare(b, c) <= 0) {
                assertThat(cmp.compare(a, c)).as(a + " <= " + b + " <= " + c).isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void debianEpochsTildesAndRevisions() throws Exception {
        assertThat(order.compare(Ecosystem.DEBIAN, "1:1.0-1", "2.0-1")).isPositive();
        assertThat(order.compare(Ecosystem.DEBIAN, "3.0.11-1~deb12u2", "3.0.11-1")).isNegative();
        assertThat(order.compare(Ecosystem.DEBIAN, "2.36-9+deb12u4", "2.36-9+deb12u10")).isNegative();
    }

    @Test
    void apkSuffixesAndReleasesOrderAsApkDoes() throws Exception {
        // Real Alpine version shapes, in apk's order: pre-release suffixes < release < post-release suffixes, -rN last.
        List<String> ascending = List.of("1.36.1_alpha1-r0", "1.36.1_beta2-r0", "1.36.1_pre1-r0", "1.36.1_rc1-r0",
                "1.36.1-r0", "1.36.1-r15", "1.36.1_git20230717-r0", "1.36.1_p2-r0", "1.36.2-r0", "1.36.10-r0");
        for (int i = 1; i < ascending.size(); i++) {
            assertThat(order.compare(Ecosystem.ALPINE, ascending.get(i - 1), ascending.get(i)))
                    .as(ascending.get(i - 1) + " < " + ascending.get(i)).isNegative();
        }
        assertThat(order.compare(Ecosystem.ALPINE, "3.1.4-r5", "3.1.4-r5")).isZero();
    }

    private List<String> dpkgCompare(List<String[]> pairs) throws Exception {
        StringBuilder script = new StringBuilder();
        for (String[] p : pairs) {
            script.append("if dpkg --compare-versions '").append(p[0]).append("' lt '").append(p[1])
                    .append("'; then echo lt; elif dpkg --compare-versions '").append(p[0]).append("' eq '")
                    .append(p[1]).append("'; then echo eq; else echo gt; fi\n");
        }
        Path file = Files.writeString(tmp.resolve("compare.sh"), script);
        return List.of(run(List.of("sh", file.toString())).strip().split("\n"));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/dpkg"))) {
            Requirements.missing("dpkg not found (a Debian machine is needed for real Debian versions)");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
