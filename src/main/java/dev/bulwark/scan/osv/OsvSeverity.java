package dev.bulwark.scan.osv;

/**
 * An OSV {@code severity[]} entry.
 *
 * @param type  {@code CVSS_V2}, {@code CVSS_V3}, {@code CVSS_V4} (others are kept but not scored)
 * @param score the vector string
 */
public record OsvSeverity(String type, String score) {
}
