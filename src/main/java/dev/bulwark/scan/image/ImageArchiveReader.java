package dev.bulwark.scan.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an image archive in one streaming pass: {@code docker save} output (legacy {@code <id>/layer.tar} or
 * Docker 25+'s OCI-style {@code blobs/sha256/...} with {@code manifest.json}) and OCI image layouts as a tar
 * ({@code skopeo copy ... oci-archive:}: {@code index.json}, {@code oci-layout}, blobs; layers plain or gzip) or as a
 * folder ({@code oci:DIR}). Entries may come in any order: each layer blob is recognised by its content (tar or
 * gzip) and scanned as it passes, small JSON documents are kept, and the layer order is applied once the manifest
 * has been seen. No layer is ever unpacked to memory or disk. zstd layers ({@code +zstd} media types) are named
 * as unreadable; the rest of the image is still scanned.
 */
final class ImageArchiveReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageLimits limits;
    private final LayerScanner layers;

    private final ImageScanner.Progress progress;
    private final int expectedLayers;

    ImageArchiveReader(ImageLimits limits, LayerScanner layers, ImageScanner.Progress progress, int expectedLayers) {
        this.limits = limits;
        this.layers = layers;
        this.progress = progress;
        this.expectedLayers = expectedLayers;
    }

    /**
     * Reads the archive; {@code wanted} picks an image by tag or id when the archive holds several (null: the first).
     *
     * @throws IOException when the archive itself is unreadable or holds no image manifest
     */
    ImageInventory read(InputStream archive, String source, String wanted) throws IOException {
        Map<String, byte[]> json = new HashMap<>();
        Map<String, LayerContents> blobs = new LinkedHashMap<>();
        Map<String, String> links = new HashMap<>();
        // No buffer of its own: the caller's stream is already a read-ahead buffer, and each copy costs.
        TarArchiveInputStream tar = new TarArchiveInputStream(archive);
        TarArchiveEntry e;
        int count = 0;
        byte[] drain = new byte[1 << 16];
        while ((e = LayerScanner.nextEntry(tar, drain)) != null) {
            if (Thread.currentThread().isInterrupted()) {
                throw LayerScanner.cancelled(null);
            }
            if (++count > limits.maxEntriesPerLayer()) {
                throw new IOException(source + ": more than " + limits.maxEntriesPerLayer() + " entries in the archive");
            }
            String name = LayerScanner.normalise(e.getName());
            if (name == null || name.isEmpty() || e.isDirectory()) {
                continue;
            }
            if (e.isSymbolicLink() || e.isLink()) {
                // docker save links identical layers to one copy
                String target = e.isSymbolicLink() ? LayerMerger.inRoot(name, e.getLinkName())
                        : LayerScanner.normalise(e.getLinkName());
                links.put(name, target);
                continue;
            }
            if (!e.isFile()) {
                continue;
            }
            // A small look-ahead for sniffing; bulk reads then go straight to the archive stream's own buffer.
            InputStreams.Peekable in = new InputStreams.Peekable(tar, 512);
            byte[] head = in.peek();
            int first = head.length == 0 ? -1 : head[0];
            if ((first == '{' || first == '[') && e.getSize() <= limits.maxArchiveJsonBytes()) {
                json.put(name, in.readAllBytes());
            } else if (isLayerBlob(head)) {
                progress.layerStarted(blobs.size(), expectedLayers, name);
                blobs.put(name, layers.scanBlob(in, name));
                progress.layerRead(blobs.size(), expectedLayers, name);
            }
        }
        return merge(source, plan(source, wanted, json::get), blobs, links);
    }

    /**
     * Reads an OCI image layout folder ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}): the
     * chosen image's manifest, config and layers only, in order, each layer streamed from its file.
     *
     * @throws IOException when the folder is not a layout or leads to no image manifest
     */
    ImageInventory readLayout(Path dir, String source, String wanted) throws IOException {
        if (!isLayout(dir)) {
            throw new IOException(source + ": not an OCI image layout (no oci-layout and index.json files)");
        }
        Plan plan = plan(source, wanted, name -> layoutJson(dir, name, source));
        Map<String, LayerContents> blobs = new LinkedHashMap<>();
        for (String name : plan.layers()) {
            if (name == null || blobs.containsKey(name)) {
                continue; // a name climbing out (null) is reported as missing by the merge; a repeated blob is read once
            }
            Path blob = inside(dir, name);
            if (blob == null && Files.isSymbolicLink(dir.resolve(name))) {
                LayerContents refused = new LayerContents(name);
                refused.error("layer " + name + ": the blob is a symbolic link, which is not followed (it could lead "
                        + "out of the layout); layer not scanned", limits.maxErrorsPerLayer());
                refused.complete = false;
                blobs.put(name, refused);
                continue;
            }
            if (blob == null) {
                continue; // reported as a missing layer by the merge
            }
            if (Thread.currentThread().isInterrupted()) {
                throw LayerScanner.cancelled(null);
            }
            progress.layerStarted(blobs.size(), plan.layers().size(), name);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(blob), 1 << 16)) {
                blobs.put(name, layers.scanBlob(in, name));
            }
            progress.layerRead(blobs.size(), plan.layers().size(), name);
        }
        return merge(source, plan, blobs, Map.of());
    }

    /**
     * The regular file {@code name} of the layout folder, or null: never a link (it could lead out of the folder)
     * and never a path climbing out of it.
     */
    private static Path inside(Path dir, String name) {
        Path file = dir.resolve(name).normalize();
        return file.startsWith(dir.normalize()) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
    }

    /** Whether {@code dir} is an OCI image layout (an {@code oci-layout} file beside {@code index.json}). */
    static boolean isLayout(Path dir) {
        return Files.isRegularFile(dir.resolve("oci-layout")) && Files.isRegularFile(dir.resolve("index.json"));
    }

    /** {@code index.json} or a JSON blob of a layout folder, null when absent; too large a document is refused. */
    private byte[] layoutJson(Path dir, String name, String source) throws IOException {
        Path file = name == null ? null : inside(dir, name);
        if (file == null) {
            return null;
        }
        long size = Files.size(file);
        if (size > limits.maxArchiveJsonBytes()) {
            throw new IOException(source + ": " + name + " is " + size + " bytes, more than an image document may be ("
                    + limits.maxArchiveJsonBytes() + ")");
        }
        return Files.readAllBytes(file);
    }

    /** gzip, zstd or tar ("ustar" at offset 257); anything else in the archive (VERSION, oci-layout) is not a layer. */
    static boolean isLayerBlob(byte[] head) {
        if (InputStreams.isGzip(head) || InputStreams.isZstd(head)) {
            return true;
        }
        if (head.length == 512 && java.util.Arrays.equals(head, new byte[512])) {
            return true; // an empty layer: just the end-of-archive blocks
        }
        return head.length >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a'
                && head[261] == 'r';
    }

    /** Where small documents come from: the archive's kept JSON entries, or a layout folder's files. */
    @FunctionalInterface
    private interface Documents {
        byte[] get(String name) throws IOException;
    }

    /**
     * The chosen image: its layer blob names in order, their media types when the manifest gives them (OCI),
     * its config and id.
     */
    private record Plan(List<String> layers, List<String> mediaTypes, JsonNode config, String imageId) {
    }

    private Plan plan(String source, String wanted, Documents docs) throws IOException {
        List<String> layerNames = new ArrayList<>();
        List<String> mediaTypes = new ArrayList<>();
        JsonNode config;
        String imageId;
        byte[] manifest = docs.get("manifest.json");
        byte[] index = manifest != null ? null : docs.get("index.json");
        if (manifest != null) {
            JsonNode images = JSON.readTree(manifest);
            JsonNode chosen = choose(images, wanted);
            if (chosen == null) {
                throw new IOException(source + ": manifest.json lists no image");
            }
            chosen.path("Layers").forEach(l -> layerNames.add(LayerScanner.normalise(l.asText())));
            String configName = LayerScanner.normalise(chosen.path("Config").asText(""));
            byte[] configJson = configName == null ? null : docs.get(configName);
            config = configJson == null ? null : JSON.readTree(configJson);
            imageId = digestOf(configName);
        } else if (index != null) {
            JsonNode node = JSON.readTree(index);
            // An index may point at further indexes (multi-platform images): follow the chosen entry down.
            for (int depth = 0; depth < 4 && node != null && node.has("manifests"); depth++) {
                JsonNode m = chooseManifest(node.path("manifests"), wanted);
                node = m == null ? null : blobJson(docs, source, m.path("digest").asText(""));
            }
            if (node == null || !node.has("layers")) {
                throw new IOException(source + ": index.json leads to no image manifest");
            }
            for (JsonNode l : node.path("layers")) {
                layerNames.add(blobPath(source, l.path("digest").asText("")));
                mediaTypes.add(l.path("mediaType").asText(""));
            }
            String configDigest = node.path("config").path("digest").asText("");
            config = blobJson(docs, source, configDigest);
            imageId = configDigest.isEmpty() ? null : configDigest;
        } else {
            throw new IOException(source + ": not an image archive (no manifest.json or index.json; a root file "
                    + "system tar is scanned with --rootfs after unpacking, or loaded with docker import)");
        }
        return new Plan(layerNames, mediaTypes, config, imageId);
    }

    private ImageInventory merge(String source, Plan plan, Map<String, LayerContents> blobs, Map<String, String> links) {
        List<String> layerNames = plan.layers();
        List<String> diffIds = new ArrayList<>();
        List<String> createdBy = new ArrayList<>();
        JsonNode config = plan.config();
        if (config != null) {
            config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
            for (JsonNode h : config.path("history")) {
                if (!h.path("empty_layer").asBoolean(false)) {
                    // docker import leaves no command, only a comment ("Imported from -")
                    String cmd = h.path("created_by").asText("");
                    createdBy.add(!cmd.isEmpty() ? cmd : h.path("comment").asText(null));
                }
            }
        }
        List<LayerMerger.OrderedLayer> ordered = new ArrayList<>();
        for (int i = 0; i < layerNames.size(); i++) {
            String name = layerNames.get(i);
            String resolved = name;
            for (int hop = 0; hop < 8 && links.containsKey(resolved); hop++) {
                resolved = links.get(resolved);
            }
            String digest = i < diffIds.size() ? diffIds.get(i) : digestOrName(name);
            String cmd = i < createdBy.size() && createdBy.size() == layerNames.size() ? createdBy.get(i) : null;
            LayerContents contents = resolved == null ? null : blobs.get(resolved);
            if (contents != null) {
                contents = rename(contents, digest);
                if (contents.compression != null) {
                    String type = i < plan.mediaTypes().size() && !plan.mediaTypes().get(i).isEmpty()
                            ? "media type " + plan.mediaTypes().get(i) : contents.compression + "-compressed";
                    contents.errors.addFirst("layer " + digest + " (" + type + "): " + contents.compression
                            + " layers cannot be read by this version; layer not scanned, the other layers were");
                }
            }
            ordered.add(new LayerMerger.OrderedLayer(digest, cmd, contents));
        }
        return LayerMerger.merge(source, plan.imageId(), ordered);
    }

    /** Errors were recorded under the archive entry name; name the layer by its digest instead. */
    private static LayerContents rename(LayerContents c, String digest) {
        LayerContents copy = new LayerContents(digest);
        copy.files.putAll(c.files);
        copy.whiteouts.addAll(c.whiteouts);
        copy.opaqueDirs.addAll(c.opaqueDirs);
        c.errors.forEach(m -> copy.errors.add(m.replace("layer " + c.name + ":", "layer " + digest + ":")));
        copy.moreErrors = c.moreErrors;
        copy.complete = c.complete;
        copy.entries = c.entries;
        copy.bytes = c.bytes;
        copy.compression = c.compression;
        return copy;
    }

    private static JsonNode choose(JsonNode images, String wanted) {
        if (!images.isArray() || images.isEmpty()) {
            return null;
        }
        if (wanted != null) {
            for (JsonNode img : images) {
                for (JsonNode tag : img.path("RepoTags")) {
                    if (tag.asText().equals(wanted) || tag.asText().equals(wanted + ":latest")) {
                        return img;
                    }
                }
                String id = digestOf(LayerScanner.normalise(img.path("Config").asText("")));
                if (id != null && (id.equals(wanted) || id.startsWith("sha256:" + wanted))) {
                    return img;
                }
            }
        }
        return images.get(0);
    }

    private static JsonNode blobJson(Documents docs, String source, String digest) throws IOException {
        if (digest.isEmpty()) {
            return null;
        }
        byte[] b = docs.get(blobPath(source, digest));
        return b == null ? null : JSON.readTree(b);
    }

    /** The OCI digest grammar ({@code algorithm:encoded}): never a path with {@code /} or {@code ..}. */
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    /** {@code blobs/<alg>/<hex>} for a digest; a malformed digest is refused (it would name another file). */
    private static String blobPath(String source, String digest) throws IOException {
        if (!DIGEST.matcher(digest).matches()) {
            throw new IOException(source + ": malformed digest in the image index or manifest: \""
                    + (digest.length() > 80 ? digest.substring(0, 80) + "…" : digest) + "\"");
        }
        int colon = digest.indexOf(':');
        return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }

    /**
     * The entry of an OCI index to read: the one whose {@code org.opencontainers.image.ref.name} is {@code wanted}
     * (the whole reference or its tag), else the first image for this machine's platform (a multi-platform index),
     * never an attestation (BuildKit's provenance and SBOM entries, platform {@code unknown/unknown}).
     */
    static JsonNode chooseManifest(JsonNode manifests, String wanted) {
        List<JsonNode> images = new ArrayList<>();
        for (JsonNode m : manifests) {
            boolean attestation = m.path("annotations").has("vnd.docker.reference.type")
                    || "unknown".equals(m.path("platform").path("os").asText(""));
            if (!attestation) {
                images.add(m);
            }
        }
        if (images.isEmpty()) {
            return manifests.isEmpty() ? null : manifests.get(0);
        }
        if (wanted != null) {
            String tag = wanted.contains(":") ? wanted.substring(wanted.lastIndexOf(':') + 1) : null;
            for (JsonNode m : images) {
                String ref = m.path("annotations").path("org.opencontainers.image.ref.name").asText("");
                String name = m.path("annotations").path("io.containerd.image.name").asText("");
                if (ref.equals(wanted) || name.equals(wanted) || ref.equals(tag) || m.path("digest").asText("").equals(wanted)) {
                    return m;
                }
            }
        }
        String arch = hostArchitecture();
        for (JsonNode m : images) {
            JsonNode p = m.path("platform");
            if (p.isMissingNode() || ("linux".equals(p.path("os").asText()) && arch.equals(p.path("architecture").asText()))) {
                return m;
            }
        }
        return images.getFirst();
    }

    /** The OCI architecture name of this JVM's machine ({@code amd64}, {@code arm64}, ...). */
    private static String hostArchitecture() {
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> a;
        };
    }

    /** {@code sha256:<hex>} for {@code blobs/sha256/<hex>} or {@code <hex>.json}, else null. */
    private static String digestOf(String name) {
        if (name == null) {
            return null;
        }
        if (name.startsWith("blobs/")) {
            String[] p = name.split("/");
            return p.length == 3 ? p[1] + ":" + p[2] : null;
        }
        if (name.endsWith(".json") && name.length() == 69) {
            return "sha256:" + name.substring(0, 64);
        }
        return null;
    }

    private static String digestOrName(String name) {
        String d = digestOf(name);
        return d != null ? d : name;
    }
}
