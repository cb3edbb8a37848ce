package dev.bulwark.scan.osv;

/**
 * What one import did to one ecosystem.
 *
 * @param manifest the ecosystem's new manifest (its record count is the total now stored)
 * @param merged   true when the imported records were merged into the stored ones (a single record, a folder of
 *                 records, a zip that is not a whole dump); false when they replaced the ecosystem (a whole dump,
 *                 or {@code --replace})
 * @param before   usable records stored before the import (0 when the ecosystem was new)
 * @param incoming usable records this import brought for the ecosystem
 */
public record EcosystemImport(EcosystemManifest manifest, boolean merged, int before, int incoming) {
}
