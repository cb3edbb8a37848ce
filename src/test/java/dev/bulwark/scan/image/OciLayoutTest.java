package dev.bulwark.scan.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.testsupport.CliRun;
import dev.bulwark.testsupport.Requirements;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCI image layouts written by real tools from the real multi-layer test image ({@link TestImages}):
 * {@code skopeo copy docker-archive:... oci-archive:/oci:} with gzip layers (skopeo's default), uncompressed layers
 * ({@code --dest-oci-accept-uncompressed-layers}, which skopeo 1.9 labels {@code +gzip}) and zstd layers ({@code --dest-compress-format zstd}); and a fifth layer made by
 * {@code umoci repack} after deleting files in the unpacked bundle, whose whiteouts are umoci's own. Each is read
 * with the same packages, files and layers as the {@code docker save} archive of the same image.
 */
class OciLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static TestImages.Built image;
    private static ImageInventory saved;
    private static Path db;

    @BeforeAll
    static void setUp() throws IOException {
        image = TestImages.multiLayer();
        saved = new ImageScanner().scanArchive(image.archive());
        db = tmp.resolve("db");
        CliRun imported = CliRun.of("db", "import", "--db", db.toString(),
                SharedData.osvDb().resolve("PyPI/all.zip").toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        for (String tool : List.of("skopeo", "umoci")) {
            try {
                TestImages.run(List.of(tool, "--version"), tmp);
            } catch (IOException e) {
                Requirements.missing(tool + " is not installed (apt-get install skopeo umoci): " + e.getMessage());
            }
        }
    }

    /** {@code skopeo copy docker-archive:<docker save> DEST} with extra options. */
    private static Path skopeo(String dest, Path target, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "-q"));
        cmd.addAll(List.of(options));
        cmd.add("docker-archive:" + image.archive());
        cmd.add(dest + ":" + target + (dest.equals("oci") ? ":latest" : ""));
        TestImages.run(cmd, tmp);
        return target;
    }

    /** Every package as ecosystem, name, version, file and the layer that brought it. */
    private static Set<String> packages(ImageInventory inv) {
        return inv.packages().stream().map(OciLayoutTest::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String key(PackageRef p) {
        return p.ecosystem() + " " + p.name() + " " + p.version() + " " + p.file() + " " + p.origin().layer();
    }

    /** The manifest's layer media types and the config digest, read from the layout folder with Jackson. */
    private static JsonNode manifestOf(Path layout) throws IOException {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        String digest = index.get("manifests").get(0).get("digest").asText();
        return JSON.readTree(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())).toFile());
    }

    private static void assertSameAsDockerSave(ImageInventory oci, String configDigest) {
        assertThat(oci.errors()).isEmpty();
        assertThat(oci.layers()).isEqualTo(saved.layers()).hasSize(4);
        assertThat(oci.layersRead()).isEqualTo(4);
        assertThat(packages(oci)).isEqualTo(packages(saved)).hasSizeGreaterThan(100);
        assertThat(oci.os()).isEqualTo(saved.os());
        // skopeo rewrites the config as an OCI config: a new digest, which is the image id of the layout.
        assertThat(oci.imageId()).isEqualTo(configDigest);
    }

    @Test
    void gzipLayersInAnOciArchiveAndFolderAreReadLikeTheDockerSaveArchive() throws IOException {
        Path archive = skopeo("oci-archive", tmp.resolve("gzip-oci.tar"));
        Path folder = skopeo("oci", tmp.resolve("gzip-oci"));
        JsonNode manifest = manifestOf(folder);
        assertThat(manifest.get("layers")).allSatisfy(l -> assertThat(l.get("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip"));
        assertThat(folder.resolve("manifest.json")).doesNotExist();
        String config = manifest.get("config").get("digest").asText();

        assertSameAsDockerSave(new ImageScanner().scanArchive(archive), config);
        List<String> started = new ArrayList<>();
        ImageInventory fromFolder = new ImageScanner().scanArchive(folder, new ImageScanner.Progress() {
            @Override
            public void layerStarted(int done, int total, String layer) {
                started.add(done + "/" + total);
            }
        });
        assertSameAsDockerSave(fromFolder, config);
        assertThat(started).containsExactly("0/4", "1/4", "2/4", "3/4");

        // The CLI on the folder: the same packages as on the docker save archive, the same findings and exit code.
        CliRun onFolder = CliRun.of("scan", "--db", db.toString(), "--image-archive", folder.toString(),
                "--format", "json");
        CliRun onSaved = CliRun.of("scan", "--db", db.toString(), "--image-archive", image.archive().toString(),
                "--format", "json");
        assertThat(onFolder.code()).as(onFolder.err()).isEqualTo(onSaved.code()).isEqualTo(1);
        JsonNode a = JSON.readTree(onFolder.out());
        JsonNode b = JSON.readTree(onSaved.out());
        assertThat(a.get("packages")).hasSize(saved.packages().size()).isEqualTo(b.get("packages"));
        assertThat(a.get("findings")).isEqualTo(b.get("findings")).isNotEmpty();
        CliRun asRootfs = CliRun.of("scan", "--db", db.toString(), "--rootfs", folder.toString());
        assertThat(asRootfs.code()).isEqualTo(2);
        assertThat(asRootfs.err()).contains("an OCI image layout (oci-layout, index.json, blobs/), not a root file system");
    }

    @Test
    void uncompressedLayersAreReadByTheirContentWhateverTheMediaTypeSays() throws IOException {
        Path archive = skopeo("oci-archive", tmp.resolve("plain-oci.tar"), "--dest-oci-accept-uncompressed-layers");
        Path folder = skopeo("oci", tmp.resolve("plain-oci"), "--dest-oci-accept-uncompressed-layers");
        JsonNode manifest = manifestOf(folder);
        // skopeo 1.9 keeps the layers as plain tars (their digests are the diff ids) but labels them +gzip.
        assertThat(manifest.get("layers")).extracting(l -> l.get("digest").asText())
                .containsExactlyElementsOf(saved.layers().stream().map(ImageInventory.Layer::digest).toList());
        for (JsonNode l : manifest.get("layers")) {
            byte[] head = new byte[512];
            try (var in = Files.newInputStream(folder.resolve("blobs/sha256/" + l.get("digest").asText().substring(7)))) {
                assertThat(in.readNBytes(head, 0, 512)).isEqualTo(512);
            }
            assertThat(ImageArchiveReader.isLayerBlob(head)).isTrue();
            assertThat(InputStreams.isGzip(head)).as("a plain tar").isFalse();
        }
        String config = manifest.get("config").get("digest").asText();

        assertSameAsDockerSave(new ImageScanner().scanArchive(archive), config);
        assertSameAsDockerSave(new ImageScanner().scanArchive(folder), config);
    }

    @Test
    void zstdLayersAreNamedWithTheirMediaTypeAndNothingIsClaimed() throws IOException {
        Path archive = skopeo("oci-archive", tmp.resolve("zstd-oci.tar"), "--dest-compress-format", "zstd");
        Path folder = skopeo("oci", tmp.resolve("zstd-oci"), "--dest-compress-format", "zstd");
        assertThat(manifestOf(folder).get("layers")).allSatisfy(l -> assertThat(l.get("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd"));

        for (Path target : List.of(archive, folder)) {
            ImageInventory inv = new ImageScanner().scanArchive(target);
            assertThat(inv.layersRead()).isZero();
            assertThat(inv.packages()).isEmpty();
            List<String> errors = inv.errors().stream().map(e -> e.message()).toList();
            assertThat(errors).hasSize(4);
            for (int i = 0; i < 4; i++) {
                assertThat(errors.get(i)).isEqualTo("layer " + saved.layers().get(i).digest()
                        + " (media type application/vnd.oci.image.layer.v1.tar+zstd): zstd layers cannot be read by "
                        + "this version; layer not scanned, the other layers were");
            }
        }
        // The CLI: nothing read is not a clean result (exit 2), and it says why.
        CliRun run = CliRun.of("scan", "--db", db.toString(), "--image-archive", folder.toString(), "--format", "json");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("application/vnd.oci.image.layer.v1.tar+zstd")
                .contains("no layer of " + folder + " could be read; nothing was checked");
    }

    @Test
    void umociRepackWhiteoutsRemoveWhatItDeletedAndNameTheNewLayer() throws IOException {
        Path layout = skopeo("oci", tmp.resolve("umoci-oci"));
        Path bundle = tmp.resolve("bundle");
        TestImages.run(List.of("umoci", "unpack", "--image", layout + ":latest", bundle.toString()), tmp);
        Path dist = bundle.resolve("rootfs/usr/lib/python3/dist-packages");
        String yaml = "PyYAML-" + TestImages.PYYAML_VULNERABLE + ".dist-info";
        assertThat(dist.resolve(yaml)).isDirectory();
        TestImages.deleteTree(dist.resolve(yaml));
        Path jar;
        try (var s = Files.list(bundle.resolve("rootfs/app/lib"))) {
            jar = s.filter(p -> p.toString().endsWith(".jar")).sorted().findFirst().orElseThrow();
        }
        Files.delete(jar);
        TestImages.run(List.of("umoci", "repack", "--image", layout + ":deleted", bundle.toString()), tmp);
        // Only the new tag stays in the index, so the layout holds one image (the old blobs stay, unreferenced).
        TestImages.run(List.of("umoci", "rm", "--image", layout + ":latest"), tmp);

        JsonNode manifest = manifestOf(layout);
        assertThat(manifest.get("layers")).hasSize(5);
        ImageInventory after = new ImageScanner().scanArchive(layout);

        assertThat(after.errors()).isEmpty();
        assertThat(after.layersRead()).isEqualTo(5);
        assertThat(after.layers()).extracting(ImageInventory.Layer::digest).startsWith(
                saved.layers().stream().map(ImageInventory.Layer::digest).toArray(String[]::new)).hasSize(5);
        assertThat(after.layers().subList(0, 4)).extracting(ImageInventory.Layer::createdBy)
                .isEqualTo(saved.layers().stream().map(ImageInventory.Layer::createdBy).toList());
        // What survives of each layer: the jar came with layer 2, PyYAML 5.3.1 with layer 4; umoci's layer adds none.
        assertThat(after.layers()).extracting(ImageInventory.Layer::packages).containsExactly(
                saved.layers().get(0).packages(), saved.layers().get(1).packages() - 1,
                saved.layers().get(2).packages(), saved.layers().get(3).packages() - 1, 0);
        String jarPath = "/" + bundle.resolve("rootfs").relativize(jar);
        Set<String> expected = saved.packages().stream()
                .filter(p -> !(p.ecosystem() == Ecosystem.PYPI && p.name().equals("pyyaml")))
                .filter(p -> !p.file().toString().startsWith(jarPath))
                .map(OciLayoutTest::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).hasSizeLessThan(saved.packages().size());
        assertThat(packages(after)).isEqualTo(expected);
        assertThat(after.packages()).noneMatch(p -> p.ecosystem() == Ecosystem.PYPI && p.name().equals("pyyaml"));
        assertThat(saved.packages()).anyMatch(p -> p.ecosystem() == Ecosystem.PYPI && p.name().equals("pyyaml"));
    }

    @Test
    void anOciLayoutIsNotARootFileSystemAndLinksAndBadDigestsAreRefused() throws IOException {
        Path layout = skopeo("oci", tmp.resolve("rootfs-oci"));
        assertThatThrownBy(() -> new ImageScanner().scanRootfs(layout)).isInstanceOf(IOException.class)
                .hasMessage(layout + ": an OCI image layout (oci-layout, index.json, blobs/), not a root file system: "
                        + "scan it as an image archive");

        // A layer blob that is a link (here to the real blob moved out of the folder) is not followed: that layer
        // is named, the others are read.
        Path linked = skopeo("oci", tmp.resolve("linked-oci"));
        String second = manifestOf(linked).get("layers").get(1).get("digest").asText().substring(7);
        Path outside = Files.move(linked.resolve("blobs/sha256/" + second), tmp.resolve("moved-out-blob"));
        Files.createSymbolicLink(linked.resolve("blobs/sha256/" + second), outside);
        ImageInventory inv = new ImageScanner().scanArchive(linked);
        assertThat(inv.layersRead()).isEqualTo(3);
        assertThat(inv.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo("layer " + saved.layers().get(1).digest() + ": the blob is a symbolic link, which is not "
                        + "followed (it could lead out of the layout); layer not scanned"));

        // A hostile index: its digest would name a file outside blobs/.
        Path hostile = Files.createDirectories(tmp.resolve("hostile"));
        Files.writeString(hostile.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(hostile.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:../../../etc/passwd\",\"size\":1}]}");
        assertThatThrownBy(() -> new ImageScanner().scanArchive(hostile)).isInstanceOf(IOException.class)
                .hasMessage(hostile + ": malformed digest in the image index or manifest: \"sha256:../../../etc/passwd\"");
    }
}
