package dev.bulwark.scan.vex;

import java.time.Instant;
import java.util.List;

/**
 * One VEX statement, format-neutral.
 *
 * @param vulnerability   the statement's main vulnerability name
 * @param vulnerabilityIds the name and every alias / reference id the statement gives (it matches a finding when any
 *                        of these equals any id of the finding)
 * @param products        the purls the statement is about: products and their subcomponents (OpenVEX), or the
 *                        resolved {@code affects[].ref} (CycloneDX); non-purl identifiers are left out
 * @param status          the status
 * @param justification   the justification as written (OpenVEX or CycloneDX vocabulary), or null
 * @param impactStatement OpenVEX {@code impact_statement} / CycloneDX {@code analysis.detail}, or null
 * @param actionStatement OpenVEX {@code action_statement} / CycloneDX {@code analysis.response}, or null
 * @param timestamp       statement timestamp, else the document's, or null when neither is given
 * @param source          the document
 * @param order           position over every loaded statement (files in the given order), to break timestamp ties
 */
public record VexStatement(String vulnerability, List<String> vulnerabilityIds, List<String> products,
                           VexStatus status, String justification, String impactStatement, String actionStatement,
                           Instant timestamp, VexSource source, int order) {
    public VexStatement {
        vulnerabilityIds = List.copyOf(vulnerabilityIds);
        products = List.copyOf(products);
    }

    /** The same statement at another position. */
    VexStatement withOrder(int newOrder) {
        return new VexStatement(vulnerability, vulnerabilityIds, products, status, justification, impactStatement,
                actionStatement, timestamp, source, newOrder);
    }
}
