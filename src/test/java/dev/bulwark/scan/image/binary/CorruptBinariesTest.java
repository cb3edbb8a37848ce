package dev.bulwark.scan.image.binary;

import dev.bulwark.scan.image.binary.TinyElf.Sec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Real binaries, truncated and with bytes flipped where the readers look (file header, load commands and section
 * tables, the build info blob and the strings it points to): every outcome must be a result or an
 * {@link IOException}, never another exception, an out-of-memory error or a hang.
 */
class CorruptBinariesTest {
    private static final int MUTATIONS = 400;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "go:linux/amd64,              ''",
            "go:linux/mips,               ''",
            "esbuild-linux-32@0.13.15,    bin/esbuild",
            "esbuild-windows-32@0.13.15,  esbuild.exe",
            "esbuild-darwin-64@0.13.15,   bin/esbuild",
            "synthetic:pointer-elf32-be,  ''",
    })
    void truncatedAndMutatedBinariesFailCleanly(String source, String file) throws Exception {
        byte[] original = load(source, file);
        assertThat(inspect(original, "original")).as("the intact file must be readable").isNotNull();

        int refused = 0;
        for (int i = 1; i <= 40; i++) {
            int cut = (int) ((long) original.length * i / 41);
            refused += inspect(Arrays.copyOf(original, cut), "truncated at " + cut) instanceof IOException ? 1 : 0;
        }
        assertThat(refused).as("truncations refused with an IOException").isPositive();
        inspect(Arrays.copyOf(original, 3), "truncated at 3");

        int blob = indexOf(original, GoBuildInfo.MAGIC);
        Random random = new Random(source.hashCode());
        byte[] copy = original.clone();
        for (int i = 0; i < MUTATIONS; i++) {
            int flips = 1 + random.nextInt(4);
            int[] at = new int[flips];
            for (int f = 0; f < flips; f++) {
                at[f] = target(random, original.length, blob);
                copy[at[f]] = (byte) random.nextInt(256);
            }
            refused += inspect(copy, "mutation " + i + " at " + Arrays.toString(at)) instanceof IOException ? 1 : 0;
            for (int p : at) {
                copy[p] = original[p];
            }
        }
        System.out.println("[CorruptBinariesTest] " + source + ": " + refused + " of " + (40 + MUTATIONS)
                + " corrupt variants refused with an IOException, the rest read");
    }

    /** Somewhere in the headers (first 4 KiB) or around the build info blob. */
    private static int target(Random random, int length, int blob) {
        if (blob < 0 || random.nextBoolean()) {
            return random.nextInt(Math.min(4096, length));
        }
        return Math.min(length - 1, blob + random.nextInt(64));
    }

    private static Object inspect(byte[] content, String what) {
        try {
            return BinaryInspector.inspect(new BytesChannel(content), content.length);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).as(what).isNotBlank();
            return expected;
        } catch (RuntimeException | OutOfMemoryError e) {
            return fail(what + ": expected a result or an IOException, got " + e, e);
        }
    }

    private static byte[] load(String source, String file) throws Exception {
        if (source.startsWith("go:")) {
            String[] t = source.substring(3).split("/");
            return Files.readAllBytes(RealBinaries.goBuildHello(t[0], t[1]));
        }
        if (source.startsWith("synthetic:")) {
            long at = TinyElf.BASE + TinyElf.FIRST;
            return TinyElf.build(false, true, true, new Sec(".go.buildinfo",
                    GoBlob.pointer(4, true, at, "go1.15", GoBlob.framed("mod\tx\tv1\t\ndep\ty\tv2\t"))));
        }
        Path p = RealBinaries.npmFile(source, file);
        return Files.readAllBytes(p);
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
