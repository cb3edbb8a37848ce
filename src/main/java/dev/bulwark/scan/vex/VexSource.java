package dev.bulwark.scan.vex;

import java.nio.file.Path;

/**
 * Where a statement comes from.
 *
 * @param file       the VEX file
 * @param documentId OpenVEX {@code @id} or CycloneDX {@code serialNumber}; the file name when the document has none
 * @param format     {@link #OPENVEX} or {@link #CYCLONEDX}
 * @param author     OpenVEX {@code author}, or null
 */
public record VexSource(Path file, String documentId, String format, String author) {
    public static final String OPENVEX = "OpenVEX";
    public static final String CYCLONEDX = "CycloneDX";
}
