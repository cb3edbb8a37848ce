package dev.bulwark.scan.image;

/**
 * Bounds that keep a hostile or broken image from exhausting memory, disk or time. Layers are streamed; only
 * small metadata files are held in memory, and only executables are spilled (one at a time) to a temp file.
 *
 * @param maxEntriesPerLayer    tar entries read from one layer before the layer is refused
 * @param maxPathLength         longest entry name accepted
 * @param maxMetadataBytes      largest package database / metadata file read into memory (dpkg status, METADATA...)
 * @param maxBinaryBytes        largest executable spilled to a temp file for build-info inspection
 * @param maxLayerBytes         most uncompressed bytes one layer may expand to
 * @param bombRatio             a compressed layer expanding more than this many times (past {@code bombFloorBytes})
 *                              is refused as a decompression bomb
 * @param bombFloorBytes        expansion below this size is never called a bomb
 * @param maxJarDepth           nesting of jars inside jars followed (fat jars, WARs)
 * @param maxErrorsPerLayer     problems reported per layer before further ones are only counted
 * @param maxArchiveJsonBytes   largest JSON document (manifest, config, index) read from the image archive
 */
public record ImageLimits(int maxEntriesPerLayer, int maxPathLength, long maxMetadataBytes, long maxBinaryBytes,
                          long maxLayerBytes, long bombRatio, long bombFloorBytes, int maxJarDepth,
                          int maxErrorsPerLayer, int maxArchiveJsonBytes) {
    /** Limits generous for real images (the largest real dpkg status files are a few MB). */
    public static final ImageLimits DEFAULT = new ImageLimits(2_000_000, 4096, 64L << 20, 512L << 20,
            64L << 30, 200, 1L << 30, 4, 50, 16 << 20);

    /** A copy with another layer-size limit and bomb floor (tests use small ones). */
    public ImageLimits withLayerBytes(long layerBytes, long floorBytes) {
        return new ImageLimits(maxEntriesPerLayer, maxPathLength, maxMetadataBytes, maxBinaryBytes, layerBytes,
                bombRatio, floorBytes, maxJarDepth, maxErrorsPerLayer, maxArchiveJsonBytes);
    }
}
