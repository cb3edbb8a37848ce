package dev.bulwark.scan.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.testsupport.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken archives, made of this machine's real dpkg and Python metadata: each bad layer or entry is
 * refused or contained with an error naming it, and the rest of the image is still scanned.
 */
class HostileImageTest {
    private static final ImageLimits SMALL = new ImageLimits(10_000, 4096, 1 << 20, 64L << 20, 1L << 30, 200,
            8L << 20, 4, 50, 1 << 20);

    @TempDir
    static Path tmp;
    private static Path archive;
    private static final List<String> DIGESTS = new ArrayList<>();
    private static String firstDebPackage;

    @BeforeAll
    static void build() throws Exception {
        String status = Files.readString(Path.of("/var/lib/dpkg/status"));
        String[] paragraphs = status.split("\n\n");
        String someStatus = String.join("\n\n", List.of(paragraphs).subList(0, 3)) + "\n";
        firstDebPackage = paragraphs[0].lines().filter(l -> l.startsWith("Package: ")).findFirst().orElseThrow()
                .substring(9);
        byte[] osRelease = Files.readAllBytes(Path.of("/etc/os-release").toRealPath());
        byte[] pipMetadata = Files.readAllBytes(Path.of("/usr/lib/python3/dist-packages/pip-23.0.1.dist-info/METADATA"));

        // Layer 1: real OS data; os-release reached through a link that climbs far above the root (clamped inside
        // it); a path-traversal entry and an absolute one; a package database linked to a host file.
        byte[] l1 = tar(t -> {
            file(t, "var/lib/dpkg/status", someStatus.getBytes(StandardCharsets.UTF_8), 0644);
            file(t, "usr/lib/os-release", osRelease, 0644);
            link(t, "etc/os-release", "../../../../../../usr/lib/os-release");
            file(t, "../../../../tmp/bulwark-escaped", "x".getBytes(StandardCharsets.UTF_8), 0644);
            file(t, "/abs/note.txt", "x".getBytes(StandardCharsets.UTF_8), 0644);
            link(t, "lib/apk/db/installed", "/etc/shadow");
        });
        // Layer 2: a gzip bomb (64 MiB of zeros) before a METADATA that must not be reached.
        byte[] l2 = tar(t -> {
            file(t, "bomb/zeros", new byte[64 << 20], 0644);
            file(t, "usr/lib/python3/dist-packages/bomb-1.0.dist-info/METADATA",
                    "Name: bomb\nVersion: 1.0\n".getBytes(StandardCharsets.UTF_8), 0644);
        });
        // Layer 3: corrupt gzip.
        byte[] l3 = tar(t -> file(t, "usr/lib/python3/dist-packages/pip-23.0.1.dist-info/METADATA", pipMetadata, 0644));
        byte[] l3gz = gzip(l3);
        for (int i = l3gz.length / 3; i < l3gz.length / 3 + 64 && i < l3gz.length - 8; i++) {
            l3gz[i] ^= 0x5a;
        }
        // Layer 4: a good METADATA and an oversized package database.
        byte[] l4 = tar(t -> {
            file(t, "usr/lib/python3/dist-packages/pip-23.0.1.dist-info/METADATA", pipMetadata, 0644);
            file(t, "var/lib/dpkg/status.d/huge", ("Package: huge\nVersion: 1\n\n").repeat(100_000)
                    .getBytes(StandardCharsets.UTF_8), 0644);
        });
        List<byte[]> blobs = List.of(l1, gzip(l2), l3gz, gzip(l4));
        archive = tmp.resolve("hostile.tar");
        Files.write(archive, dockerSave(blobs, DIGESTS));
    }

    @Test
    void badLayersAndEntriesAreNamedAndTheRestIsScanned() throws IOException {
        ImageInventory inv = new ImageScanner(SMALL).scanArchive(archive);
        List<String> errors = inv.errors().stream().map(ScanError::message).toList();

        assertThat(errors).anySatisfy(e -> assertThat(e).contains(DIGESTS.get(0)).contains("tmp/bulwark-escaped")
                .contains("path traversal"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains(DIGESTS.get(1)).contains("decompression bomb"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains(DIGESTS.get(2)).contains("corrupt"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains(DIGESTS.get(3)).contains("status.d/huge")
                .contains("limit"));
        assertThat(Files.exists(Path.of("/tmp/bulwark-escaped"))).isFalse();

        // The rest: the real dpkg packages (Debian release found through the clamped link), pip from layer 4.
        assertThat(inv.os()).startsWith("Debian:");
        assertThat(inv.packages()).anySatisfy(p -> {
            assertThat(p.ecosystem()).isEqualTo(Ecosystem.DEBIAN);
            assertThat(p.origin().installed()).startsWith(firstDebPackage + " ");
            assertThat(p.origin().layer()).isEqualTo(DIGESTS.get(0));
        });
        assertThat(inv.packages()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("pip");
            assertThat(p.origin().layer()).isEqualTo(DIGESTS.get(3));
        });
        assertThat(inv.packages()).noneSatisfy(p -> assertThat(p.name()).isIn("bomb", "huge"));
        assertThat(inv.packages()).noneSatisfy(p -> assertThat(p.ecosystem()).isEqualTo(Ecosystem.ALPINE));
    }

    @Test
    void tooManyEntriesEndTheLayer() throws Exception {
        ImageLimits few = new ImageLimits(3, 4096, 1 << 20, 64L << 20, 1L << 30, 200, 8L << 20, 4, 50, 1 << 20);
        byte[] layer = tar(t -> {
            for (int i = 0; i < 10; i++) {
                file(t, "f" + i, new byte[1], 0644);
            }
        });
        Path file = tmp.resolve("many.tar");
        Files.write(file, dockerSave(List.of(layer), new ArrayList<>()));
        ImageInventory inv = new ImageScanner(few).scanArchive(file);
        assertThat(inv.errors()).anySatisfy(e -> assertThat(e.message()).contains("more than 3 entries"));
    }

    @Test
    void theCliReportsTheBrokenLayerAndStillScans() throws Exception {
        Path db = tmp.resolve("db");
        assertThat(CliRun.of("db", "import", "--db", db.toString(),
                dev.bulwark.testsupport.SharedData.osvDb().resolve("PyPI/all.zip").toString()).code()).isZero();
        CliRun run = CliRun.of("scan", "--db", db.toString(), "--image-archive", archive.toString(), "--format",
                "json", "--fail-on", "none");
        // Default limits: the 64 MiB of zeros is below the bomb floor and read; the corrupt layer is named.
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("layer " + DIGESTS.get(2) + ": corrupt");
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.out());
        assertThat(report.get("packages")).anySatisfy(p -> assertThat(p.get("name").asText()).isEqualTo("pip"));
        assertThat(report.get("errors")).anySatisfy(e -> assertThat(e.get("message").asText())
                .contains(DIGESTS.get(2)));
    }

    // --- archive building -------------------------------------------------------------------------------------

    interface TarBody {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    static byte[] tar(TarBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            body.write(t);
        }
        return bytes.toByteArray();
    }

    static void file(TarArchiveOutputStream t, String name, byte[] content, int mode) throws IOException {
        // The entry constructor would strip "../" and "/": set the raw name as a hostile producer would.
        TarArchiveEntry e = new TarArchiveEntry(name.replace("../", "xx/").replaceFirst("^/", ""), true);
        e.setName(name);
        e.setSize(content.length);
        e.setMode(0100000 | mode);
        t.putArchiveEntry(e);
        t.write(content);
        t.closeArchiveEntry();
    }

    static void link(TarArchiveOutputStream t, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** A legacy {@code docker save} archive; manifest.json comes last, as Docker writes it. */
    static byte[] dockerSave(List<byte[]> blobs, List<String> diffIdsOut) throws Exception {
        List<String> layerNames = new ArrayList<>();
        StringBuilder diffIds = new StringBuilder();
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < blobs.size(); i++) {
            layerNames.add("\"l" + i + "/layer.tar\"");
            byte[] plain = blobs.get(i);
            String diff = "sha256:" + sha256(isGzip(plain) ? gunzipBestEffort(plain, i) : plain);
            diffIds.append(i == 0 ? "" : ",").append('"').append(diff).append('"');
            diffIdsOut.add(diff);
            history.append(i == 0 ? "" : ",").append("{\"created_by\":\"layer ").append(i).append("\"}");
        }
        String config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]},\"history\":[" + history
                + "]}";
        String configName = sha256(config.getBytes(StandardCharsets.UTF_8)) + ".json";
        String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"hostile:1\"],\"Layers\":["
                + String.join(",", layerNames) + "]}]";
        return tar(t -> {
            for (int i = 0; i < blobs.size(); i++) {
                file(t, "l" + i + "/layer.tar", blobs.get(i), 0644);
            }
            file(t, configName, config.getBytes(StandardCharsets.UTF_8), 0644);
            file(t, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644);
        });
    }

    private static boolean isGzip(byte[] b) {
        return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    /** The diff id of a gzip layer is that of its content; corrupt ones keep the index as a stable stand-in. */
    private static byte[] gunzipBestEffort(byte[] gz, int index) {
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("corrupt-" + index).getBytes(StandardCharsets.UTF_8);
        }
    }
}
