package dev.bulwark.scan.image;

import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.ScanError;
import java.util.List;

/**
 * The packages found in an image, with where each came from.
 *
 * @param source      what was scanned, for the report (image reference, archive file, folder)
 * @param imageId     the image's config digest when known, else null
 * @param os          the OSV ecosystem of its OS packages ({@code Debian:12}), or null when unknown
 * @param layers      the layers in order
 * @param layersRead  how many layers could be read (possibly with problems in single files)
 * @param packages    every package found, in layer order
 * @param errors      problems that did not stop the scan (a corrupt layer, a refused entry, an unreadable file)
 * @param notes       plain statements about what was not done
 */
public record ImageInventory(String source, String imageId, String os, List<Layer> layers, int layersRead,
                             List<PackageRef> packages, List<ScanError> errors, List<String> notes) {
    public ImageInventory {
        layers = List.copyOf(layers);
        packages = List.copyOf(packages);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    /**
     * One layer of the image.
     *
     * @param digest    its digest (the config's diff id when known)
     * @param createdBy the history command that made it, or null
     * @param packages  packages this layer introduced that are still present in the final image
     */
    public record Layer(String digest, String createdBy, int packages) {
        private static final String NOP = "/bin/sh -c #(nop) ";

        /** {@code sha256:0123456789ab}: a digest cut to 12 hex digits, as docker shows ids; null gives "". */
        public static String shortDigest(String digest) {
            if (digest == null) {
                return "";
            }
            int colon = digest.indexOf(':');
            return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
        }

        /**
         * A history command as {@code docker history} shows it: without the builder's {@code /bin/sh -c #(nop) }
         * prefix of metadata steps ({@code COPY dir:… in /}); {@code (no history)} when there is none.
         */
        public static String command(String createdBy) {
            if (createdBy == null || createdBy.isBlank()) {
                return "(no history)";
            }
            String c = createdBy.strip();
            return c.startsWith(NOP) ? c.substring(NOP.length()).strip() : c;
        }
    }
}
