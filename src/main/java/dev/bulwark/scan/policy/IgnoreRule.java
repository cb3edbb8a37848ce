package dev.bulwark.scan.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of {@code .bulwark-ignore.yaml}.
 *
 * @param id      any id of the finding (CVE, GHSA, PYSEC, ...)
 * @param reason  why it is accepted (required)
 * @param expires last day the entry applies, or null for no expiry
 */
public record IgnoreRule(String id, String reason, LocalDate expires) {
    public IgnoreRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
    }
}
