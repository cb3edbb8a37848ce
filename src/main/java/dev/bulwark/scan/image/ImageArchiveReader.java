package dev.bulwark.scan.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an image archive in one streaming pass: {@code docker save} output (legacy {@code <id>/layer.tar} or
 * Docker 25+'s OCI-style {@code blobs/sha256/...} with {@code manifest.json}) and OCI image layouts
 * ({@code index.json}, blobs, gzip layers). Entries may come in any order: each layer blob is recognised by its
 * content (tar or gzip) and scanned as it passes, small JSON documents are kept, and the layer order is applied
 * once the manifest has been seen. No layer is ever unpacked to memory or disk.
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
        return assemble(source, wanted, json, blobs, links);
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

    private ImageInventory assemble(String source, String wanted, Map<String, byte[]> json,
                                    Map<String, LayerContents> blobs, Map<String, String> links) throws IOException {
        List<String> layerNames = new ArrayList<>();
        JsonNode config = null;
        String imageId = null;
        byte[] manifest = json.get("manifest.json");
        if (manifest != null) {
            JsonNode images = JSON.readTree(manifest);
            JsonNode chosen = choose(images, wanted);
            if (chosen == null) {
                throw new IOException(source + ": manifest.json lists no image");
            }
            chosen.path("Layers").forEach(l -> layerNames.add(LayerScanner.normalise(l.asText())));
            String configName = LayerScanner.normalise(chosen.path("Config").asText(""));
            config = configName == null || !json.containsKey(configName) ? null : JSON.readTree(json.get(configName));
            imageId = digestOf(configName);
        } else if (json.containsKey("index.json")) {
            JsonNode node = JSON.readTree(json.get("index.json"));
            for (int depth = 0; depth < 4 && node != null && node.has("manifests"); depth++) {
                JsonNode m = node.path("manifests").path(0);
                node = blobJson(json, m.path("digest").asText(""));
            }
            if (node == null || !node.has("layers")) {
                throw new IOException(source + ": index.json leads to no image manifest");
            }
            node.path("layers").forEach(l -> layerNames.add(blobPath(l.path("digest").asText(""))));
            String configDigest = node.path("config").path("digest").asText("");
            config = blobJson(json, configDigest);
            imageId = configDigest.isEmpty() ? null : configDigest;
        } else {
            throw new IOException(source + ": not an image archive (no manifest.json or index.json; a root file "
                    + "system tar is scanned with --rootfs after unpacking, or loaded with docker import)");
        }
        List<String> diffIds = new ArrayList<>();
        List<String> createdBy = new ArrayList<>();
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
            }
            ordered.add(new LayerMerger.OrderedLayer(digest, cmd, contents));
        }
        return LayerMerger.merge(source, imageId, ordered);
    }

    /** Errors were recorded under the archive entry name; name the layer by its digest instead. */
    private static LayerContents rename(LayerContents c, String digest) {
        if (c.name.equals(digest)) {
            return c;
        }
        LayerContents copy = new LayerContents(digest);
        copy.files.putAll(c.files);
        copy.whiteouts.addAll(c.whiteouts);
        copy.opaqueDirs.addAll(c.opaqueDirs);
        c.errors.forEach(m -> copy.errors.add(m.replace("layer " + c.name + ":", "layer " + digest + ":")));
        copy.moreErrors = c.moreErrors;
        copy.complete = c.complete;
        copy.entries = c.entries;
        copy.bytes = c.bytes;
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

    private JsonNode blobJson(Map<String, byte[]> json, String digest) throws IOException {
        byte[] b = json.get(blobPath(digest));
        return b == null ? null : JSON.readTree(b);
    }

    private static String blobPath(String digest) {
        int colon = digest.indexOf(':');
        return colon < 0 ? digest : "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
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
