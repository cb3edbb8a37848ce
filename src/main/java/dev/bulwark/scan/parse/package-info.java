/**
 * Manifest discovery and parsers: turns project folders and lockfiles into {@link
 * dev.bulwark.scan.model.PackageRef}s. Entry point: {@link dev.bulwark.scan.parse.ManifestScanner}.
 * A bad file never stops a scan; its problem becomes a {@link dev.bulwark.scan.model.ScanError} in that
 * file's {@link dev.bulwark.scan.parse.ManifestResult}.
 */
package dev.bulwark.scan.parse;
