package dev.bulwark.scan.match;

import dev.bulwark.scan.model.PackageRef;

/**
 * A backend's statement that {@code pkg} is affected by {@code advisory}.
 *
 * @param pkg      the package occurrence queried
 * @param advisory the advisory
 * @param backend  the backend's name ({@code osv-offline}, {@code osv.dev}, {@code pip-audit}, ...)
 */
public record AdvisoryHit(PackageRef pkg, Advisory advisory, String backend) {
}
