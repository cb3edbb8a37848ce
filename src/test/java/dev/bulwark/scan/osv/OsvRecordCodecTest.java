package dev.bulwark.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link OsvRecordCodec}: exact round trips of the real OSV data, and clear failures on corrupt bytes. */
class OsvRecordCodecTest {
    private static final OsvRecord FULL = new OsvRecord("GHSA-ünï-cødé", List.of("CVE-2024-1", "PYSEC-2024-é"),
            "Résumé: ☃ in 名前", "details\nwith 🐍 and \u0000 NUL", "2024-01-02T03:04:05Z", "2024-02-03T04:05:06Z",
            "2024-03-04T00:00:00Z", List.of(new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")),
            "HIGH",
            List.of(new OsvAffected(Ecosystem.DEBIAN, "openssl", List.of(new OsvRange("ECOSYSTEM", List.of(
                    new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"), new OsvEvent(OsvEvent.Kind.FIXED, "3.0.11-1~deb12u1"),
                    new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, "3.0.9"), new OsvEvent(OsvEvent.Kind.LIMIT, "*")))),
                    List.of("3.0.8-1"), "unsound", "12"),
                    new OsvAffected(Ecosystem.CRATES_IO, "tokio", List.of(new OsvRange("GIT", List.of())), List.of(),
                            null, null)),
            List.of("https://example.org/ä"));

    /** Every field that can be null, null; every list empty; every string that may be empty, empty. */
    private static final OsvRecord SPARSE = new OsvRecord("X-1", List.of(), "", "", "", "", null, List.of(), null,
            List.of(new OsvAffected(Ecosystem.PYPI, "p", List.of(), List.of(), null, null)), List.of());

    /** Nulls beyond what the parser produces: the codec keeps them too rather than turning them into "". */
    private static final OsvRecord NULLS = new OsvRecord("X-2", List.of(), null, null, null, null, null,
            List.of(new OsvSeverity(null, null)), null,
            List.of(new OsvAffected(null, null, List.of(new OsvRange(null, List.of())), List.of(), null, null)),
            List.of());

    @Test
    void roundTripsEveryFieldNullsAndNonAsciiText() throws IOException {
        List<OsvRecord> records = List.of(FULL, SPARSE, NULLS);
        assertThat(OsvRecordCodec.decode(OsvRecordCodec.encode(records))).isEqualTo(records);
        assertThat(OsvRecordCodec.decode(OsvRecordCodec.encode(List.of()))).isEmpty();
        assertThat(OsvRecordCodec.decode(OsvRecordCodec.encode(List.of(SPARSE))).getFirst().withdrawn()).isNull();
    }

    @Test
    void decodesASliceOfALargerBufferWithoutMovingIt() throws IOException {
        byte[] blob = OsvRecordCodec.encode(List.of(FULL));
        byte[] file = new byte[blob.length + 20];
        System.arraycopy(blob, 0, file, 7, blob.length);
        ByteBuffer slice = ByteBuffer.wrap(file).slice(7, blob.length);

        assertThat(OsvRecordCodec.decode(slice)).containsExactly(FULL);
        assertThat(slice.position()).isZero();
        assertThat(OsvRecordCodec.decode(ByteBuffer.wrap(file, 7, blob.length))).containsExactly(FULL);
    }

    @Test
    void roundTripsEveryRecordOfTheRealDumps() throws Exception {
        Path osv = SharedData.osvDb();
        OsvParser parser = new OsvParser(OsvJson.newMapper());
        DumpReader reader = new DumpReader(DumpLimits.defaults());
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(osv)) {
            s.filter(Files::isDirectory).sorted().forEach(d -> sources.add(
                    Files.isRegularFile(d.resolve("all.zip")) ? d.resolve("all.zip") : d));
        }
        List<OsvRecord> all = new ArrayList<>();
        for (Path source : sources) {
            reader.read(source, (name, json) -> {
                try {
                    all.add(parser.parse(json));
                } catch (MalformedRecordException | IOException e) {
                    throw new AssertionError(source + "!" + name + ": " + e.getMessage(), e);
                }
            });
        }
        assertThat(all).as("records in %s", sources).hasSizeGreaterThan(8000);

        for (OsvRecord r : all) {
            assertThat(OsvRecordCodec.decode(OsvRecordCodec.encode(List.of(r)))).as(r.id()).containsExactly(r);
        }
        // And as one large blob, as a package with many records is stored.
        assertThat(OsvRecordCodec.decode(OsvRecordCodec.encode(all))).isEqualTo(all);
    }

    @Test
    void everyTruncationOfABlobFailsWithAClearIoException() {
        byte[] blob = OsvRecordCodec.encode(List.of(FULL, SPARSE));
        for (int length = 0; length < blob.length; length++) {
            byte[] cut = Arrays.copyOf(blob, length);
            assertThatThrownBy(() -> OsvRecordCodec.decode(cut)).as("first %d bytes", length)
                    .isInstanceOf(IOException.class).hasMessageStartingWith("corrupt record data: ")
                    .hasMessageContaining("of " + length);
        }
    }

    @Test
    void trailingBytesAreCorrupt() {
        byte[] blob = OsvRecordCodec.encode(List.of(SPARSE));
        byte[] longer = Arrays.copyOf(blob, blob.length + 1);
        assertThatThrownBy(() -> OsvRecordCodec.decode(longer)).isInstanceOf(IOException.class)
                .hasMessageContaining("1 trailing byte(s) after 1 record(s)");
    }

    @Test
    void anUnknownFormatVersionIsNamed() {
        byte[] blob = OsvRecordCodec.encode(List.of(SPARSE));
        blob[0] = 9;
        assertThatThrownBy(() -> OsvRecordCodec.decode(blob)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown record format version 9");
        // Legacy JSON where a blob is expected: its '[' is an unknown version, not a crash.
        assertThatThrownBy(() -> OsvRecordCodec.decode("[{\"id\":\"X\"}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown record format version 91");
    }

    @Test
    void absurdLengthsAndCountsFailBeforeAnyAllocation() {
        // version 1, one record, id of 2^31-2 bytes (varint 0xFF 0xFF 0xFF 0xFF 0x07)
        byte[] hugeString = {1, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'x'};
        assertThatThrownBy(() -> OsvRecordCodec.decode(hugeString)).isInstanceOf(IOException.class)
                .hasMessageContaining("string of 2147483646 bytes exceeds the 1 bytes left");
        byte[] hugeCount = {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThatThrownBy(() -> OsvRecordCodec.decode(hugeCount)).isInstanceOf(IOException.class)
                .hasMessageContaining("count 2147483647 exceeds the 0 bytes left");
        byte[] overlongVarint = {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        assertThatThrownBy(() -> OsvRecordCodec.decode(overlongVarint)).isInstanceOf(IOException.class)
                .hasMessageContaining("length or count out of range");
    }

    @Test
    void unknownEnumNamesAndMissingRequiredValuesAreCorrupt() {
        byte[] blob = OsvRecordCodec.encode(List.of(SPARSE));
        String text = new String(blob, StandardCharsets.ISO_8859_1);
        byte[] badEcosystem = text.replace("pypi", "pyqi").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> OsvRecordCodec.decode(badEcosystem)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown ecosystem \"pyqi\"");
        byte[] noId = blob.clone();
        noId[2] = 0; // the id's length prefix: null
        assertThatThrownBy(() -> OsvRecordCodec.decode(noId)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing id");
    }
}
