package dev.bulwark.scan.image;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.ImageOrigin;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import dev.bulwark.scan.model.ScanError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stacks the layers' findings the way the image's file system stacks them: each layer's whiteouts and opaque
 * directories hide what lower layers put there, and a file a layer writes replaces the lower version. Every
 * package is attributed to the lowest layer from which its file has recorded that same package and version
 * without interruption (so a {@code dpkg status} rewritten by a later {@code apt-get install} keeps the older
 * packages on the layer that installed them).
 */
final class LayerMerger {
    /**
     * A layer in image order.
     *
     * @param digest    the digest reported for it
     * @param createdBy its history command or null
     * @param contents  what was read from it, or null when the archive lacked it
     */
    record OrderedLayer(String digest, String createdBy, LayerContents contents) {
    }

    private static final int MAX_SYMLINK_HOPS = 16;

    private LayerMerger() {
    }

    static ImageInventory merge(String source, String imageId, List<OrderedLayer> layers) {
        // path -> versions of that file, lowest first, since it was last created on a clean slate
        TreeMap<String, List<Placed>> fs = new TreeMap<>();
        List<ScanError> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int read = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerContents c = layers.get(i).contents();
            if (c == null) {
                errors.add(new ScanError(null, 0, "image", "layer " + layers.get(i).digest()
                        + " is listed in the image manifest but missing from the archive; not scanned"));
                continue;
            }
            if (c.complete || c.entries > 0) {
                read++;
            }
            for (String e : c.errors) {
                errors.add(new ScanError(null, 0, "image", e));
            }
            if (c.moreErrors > 0) {
                errors.add(new ScanError(null, 0, "image", "layer " + c.name + ": " + c.moreErrors
                        + " more problem(s) not listed"));
            }
            for (String dir : c.opaqueDirs) {
                removeUnder(fs, dir, false);
            }
            for (String w : c.whiteouts) {
                removeUnder(fs, w, true);
            }
            for (LayerContents.FoundFile f : c.files.values()) {
                // A file written over a lower directory of the same name hides everything below it.
                removeUnder(fs, f.path(), false);
                fs.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(new Placed(i, f));
            }
        }
        String[] os = osRelease(fs, notes);
        List<PackageRef> packages = new ArrayList<>();
        int[] perLayer = new int[layers.size()];
        Set<String> unmatchedOs = new HashSet<>();
        for (List<Placed> history : fs.values()) {
            Placed top = history.getLast();
            // Lower versions of the file as sets, built once: a dpkg status lists hundreds of packages, and a
            // list lookup per package made this quadratic.
            List<Set<RawPackage>> lower = new ArrayList<>(history.size());
            for (Placed h : history) {
                lower.add(h == top ? Set.of() : new HashSet<>(h.file.packages()));
            }
            for (RawPackage p : top.file.packages()) {
                int introduced = introducedBy(history, lower, p);
                perLayer[introduced]++;
                String release = null;
                if (p.ecosystem().isOs()) {
                    Ecosystem wanted = os[0] == null ? null : Ecosystem.fromOsv(os[0]).orElse(null);
                    if (wanted != p.ecosystem()) {
                        unmatchedOs.add(p.ecosystem().osvName());
                    }
                    release = wanted == p.ecosystem() ? os[1] : null;
                }
                OrderedLayer layer = layers.get(introduced);
                packages.add(new PackageRef(p.ecosystem(), p.name(), p.version(), Path.of("/" + p.file()), 0,
                        Relationship.UNKNOWN, false, release,
                        new ImageOrigin(layer.digest(), layer.createdBy(), p.installed())));
            }
        }
        for (String eco : unmatchedOs) {
            notes.add(eco + " packages were found but the image's os-release does not name a " + eco
                    + " release Bulwark can match (" + (os[2] == null ? "no os-release" : os[2])
                    + "): they are listed but not checked");
        }
        if (packages.isEmpty() && read > 0) {
            notes.add("no package records were found in the image (no dpkg/apk database, language package metadata,"
                    + " or binaries with build info): nothing in it could be checked");
        }
        List<ImageInventory.Layer> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            out.add(new ImageInventory.Layer(layers.get(i).digest(), layers.get(i).createdBy(), perLayer[i]));
        }
        String osName = os[0] == null ? null : os[0] + ":" + os[1];
        return new ImageInventory(source, imageId, osName, out, read, packages, errors, notes);
    }

    private static int introducedBy(List<Placed> history, List<Set<RawPackage>> packagesOf, RawPackage p) {
        int at = history.size() - 1;
        while (at > 0 && packagesOf.get(at - 1).contains(p)) {
            at--;
        }
        return history.get(at).layer;
    }

    private static void removeUnder(TreeMap<String, List<Placed>> fs, String path, boolean self) {
        if (path.isEmpty()) {
            fs.clear(); // an opaque root
            return;
        }
        if (self) {
            fs.remove(path);
        }
        fs.subMap(path + "/", path + "0").clear(); // '0' follows '/' in ASCII: exactly the paths under path/
    }

    /** {OSV ecosystem name, release, description} from os-release, resolving symlinks inside the image only. */
    private static String[] osRelease(Map<String, List<Placed>> fs, List<String> notes) {
        for (String candidate : List.of("etc/os-release", "usr/lib/os-release")) {
            String text = resolve(fs, candidate);
            if (text == null) {
                continue;
            }
            Map<String, String> kv = PackageFiles.osRelease(text);
            String id = kv.getOrDefault("ID", "");
            String version = kv.getOrDefault("VERSION_ID", "");
            String pretty = kv.getOrDefault("PRETTY_NAME", id + " " + version);
            if (id.equals("debian") && !version.isEmpty()) {
                return new String[]{"Debian", version.split("\\.")[0], pretty};
            }
            if (id.equals("alpine") && !version.isEmpty()) {
                String[] parts = version.split("\\.");
                return new String[]{"Alpine", "v" + parts[0] + (parts.length > 1 ? "." + parts[1] : ""), pretty};
            }
            return new String[]{null, null, pretty};
        }
        return new String[]{null, null, null};
    }

    private static String resolve(Map<String, List<Placed>> fs, String path) {
        String at = path;
        for (int hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
            List<Placed> h = fs.get(at);
            if (h == null) {
                return null;
            }
            LayerContents.FoundFile f = h.getLast().file;
            if (f.linkTarget() == null) {
                return f.text();
            }
            at = inRoot(at, f.linkTarget());
        }
        return null;
    }

    /** A symlink target resolved like the kernel resolves it under a chroot: ".." never leaves the root. */
    static String inRoot(String linkPath, String target) {
        List<String> parts = new ArrayList<>();
        if (!target.startsWith("/")) {
            String[] base = linkPath.split("/");
            parts.addAll(List.of(base).subList(0, base.length - 1));
        }
        for (String s : target.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.add(s);
        }
        return String.join("/", parts);
    }

    private record Placed(int layer, LayerContents.FoundFile file) {
    }
}
