package dev.bulwark.scan.match;

import java.time.Instant;

/**
 * The VEX statement that suppresses a finding, as reports show it.
 *
 * @param document        the VEX document's id ({@code @id} for OpenVEX, {@code serialNumber} for CycloneDX), or
 *                        the file name when it has none
 * @param source          the file the statement was read from
 * @param format          {@code OpenVEX} or {@code CycloneDX}
 * @param status          OpenVEX status: {@code not_affected} or {@code fixed}
 * @param justification   the justification as written in the document (OpenVEX or CycloneDX vocabulary), or null
 * @param impactStatement OpenVEX {@code impact_statement} / CycloneDX {@code analysis.detail}, or null
 * @param product         the product or subcomponent purl that matched the finding's package
 * @param timestamp       when the statement was made (statement, else document timestamp), or null
 */
public record VexSuppression(String document, String source, String format, String status, String justification,
                             String impactStatement, String product, Instant timestamp) {
}
