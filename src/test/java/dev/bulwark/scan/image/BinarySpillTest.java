package dev.bulwark.scan.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.testsupport.Requirements;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory and the temp-file paths of {@link BinarySpill} read the same build info from a real Go binary. */
class BinarySpillTest {
    /** golang-go's gofmt (a Go executable of a few MiB, with build info). */
    private static final Path GOFMT = Path.of("/usr/lib/go/bin/gofmt");

    @Test
    void inMemoryAndTempFilePathsAgreeOnARealGoBinary() throws IOException {
        if (!Files.isRegularFile(GOFMT)) {
            Requirements.missing(GOFMT + " not found (apt-get install golang-go)");
        }
        long max = ImageLimits.DEFAULT.maxBinaryBytes();
        List<RawPackage> memory = inspect(new BinarySpill(max, (int) Files.size(GOFMT)));
        List<RawPackage> file = inspect(new BinarySpill(max, 0));
        assertThat(memory).isEqualTo(file).isNotEmpty().anySatisfy(p -> {
            assertThat(p.ecosystem()).isEqualTo(Ecosystem.GO);
            assertThat(p.name()).isEqualTo("stdlib");
            assertThat(p.version()).matches("1\\.\\d+(\\.\\d+)?.*");
        });
    }

    @Test
    void anExecutableWithoutBuildInfoYieldsNothingOnEitherPath() throws IOException {
        byte[] elf = elfMagicOnly();
        for (BinarySpill spill : List.of(new BinarySpill(1 << 20), new BinarySpill(1 << 20, 0))) {
            try (spill) {
                assertThat(inspect(spill, elf)).isEmpty();
            }
        }
    }

    @Test
    void aBrokenExecutableIsOnlyReportedWhenItCarriesAMarker() throws IOException {
        // The inspector now runs on every executable; one it cannot read stays silent unless it claims build info,
        // as when executables without a marker were never inspected.
        byte[] elf = elfMagicOnly();
        elf[4] = 9; // no such ELF class
        byte[] marked = elf.clone();
        byte[] magic = "\u00ff Go buildinf:".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(magic, 0, marked, 200_003, magic.length); // across no boundary the search would cut
        for (int inMemory : List.of(1 << 20, 0)) {
            try (BinarySpill spill = new BinarySpill(1 << 20, inMemory)) {
                assertThat(inspect(spill, elf)).as("no marker, in memory up to " + inMemory).isEmpty();
                assertThatThrownBy(() -> inspect(spill, marked)).as("marker, in memory up to " + inMemory)
                        .isInstanceOf(IOException.class);
                assertThat(inspect(spill, elf)).as("the spill is reused").isEmpty();
            }
        }
    }

    /** 300 kB of zeros behind the ELF magic: looks executable, holds nothing the inspector can read. */
    private static byte[] elfMagicOnly() {
        byte[] elf = new byte[300_000];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        return elf;
    }

    private static List<RawPackage> inspect(BinarySpill spill, byte[] file) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(file)) {
            byte[] head = in.readNBytes(8);
            return spill.inspect("bin/x", head, head.length, in, file.length);
        }
    }

    private static List<RawPackage> inspect(BinarySpill spill) throws IOException {
        try (spill; InputStream in = new BufferedInputStream(Files.newInputStream(GOFMT))) {
            byte[] head = in.readNBytes(8);
            return spill.inspect(GOFMT.toString().substring(1), head, head.length, in, Files.size(GOFMT));
        }
    }
}
