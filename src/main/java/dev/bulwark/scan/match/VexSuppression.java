package dev.bulwark.scan.match;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
    private static final List<String> OPENVEX = List.of("component_not_present", "vulnerable_code_not_present",
            "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary",
            "inline_mitigations_already_exist");
    private static final Map<String, String> CYCLONEDX_TO_OPENVEX = Map.of(
            "code_not_present", "vulnerable_code_not_present",
            "code_not_reachable", "vulnerable_code_not_in_execute_path",
            "protected_by_mitigating_control", "inline_mitigations_already_exist",
            "protected_at_runtime", "inline_mitigations_already_exist",
            "protected_by_compiler", "inline_mitigations_already_exist",
            "protected_at_perimeter", "inline_mitigations_already_exist");
    private static final Map<String, String> OPENVEX_TO_CYCLONEDX = Map.of(
            "component_not_present", "code_not_present",
            "vulnerable_code_not_present", "code_not_present",
            "vulnerable_code_not_in_execute_path", "code_not_reachable",
            "inline_mitigations_already_exist", "protected_by_mitigating_control");

    /**
     * The justification in the OpenVEX vocabulary, or null when there is none or it has no OpenVEX equivalent
     * (CycloneDX {@code requires_*} and {@code false_positive}).
     */
    public String openVexJustification() {
        return justification == null ? null : OPENVEX.contains(justification) ? justification
                : CYCLONEDX_TO_OPENVEX.get(justification);
    }

    /**
     * The justification in the CycloneDX vocabulary, or null when there is none or it has no CycloneDX equivalent
     * ({@code vulnerable_code_cannot_be_controlled_by_adversary}).
     */
    public String cycloneDxJustification() {
        return justification == null ? null : CYCLONEDX_TO_OPENVEX.containsKey(justification)
                || justification.startsWith("requires_") ? justification : OPENVEX_TO_CYCLONEDX.get(justification);
    }
}
