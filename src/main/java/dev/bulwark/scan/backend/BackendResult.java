package dev.bulwark.scan.backend;

import dev.bulwark.scan.match.AdvisoryHit;
import dev.bulwark.scan.model.ScanError;
import java.util.List;

/**
 * What a backend found.
 *
 * @param hits   advisories per package
 * @param errors per-package problems (unparseable versions, missing data) that did not stop the backend
 */
public record BackendResult(List<AdvisoryHit> hits, List<ScanError> errors) {
    public BackendResult {
        hits = List.copyOf(hits);
        errors = List.copyOf(errors);
    }
}
