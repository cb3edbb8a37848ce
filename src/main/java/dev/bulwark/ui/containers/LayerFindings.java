package dev.bulwark.ui.containers;

import dev.bulwark.scan.image.ImageInventory;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Location;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.report.ScanSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One layer of a scanned image with the active findings its packages brought, for the Vulnerabilities tab.
 *
 * @param index     1-based position in the image
 * @param digest    the layer's digest
 * @param createdBy the history command that made it, or null
 * @param packages  packages this layer introduced that are still in the image
 * @param findings  active findings of those packages, most severe first
 */
public record LayerFindings(int index, String digest, String createdBy, int packages, List<Finding> findings) {
    public LayerFindings {
        findings = List.copyOf(findings);
    }

    /** {@code sha256:0123456789ab} (12 hex digits, as docker shows ids). */
    public String shortDigest() {
        return ImageInventory.Layer.shortDigest(digest);
    }

    /** The history command as {@code docker history} shows it. */
    public String command() {
        return ImageInventory.Layer.command(createdBy);
    }

    /** The most severe active finding's rating, empty when the layer brought none. */
    public Optional<Severity> worst() {
        return findings.stream().map(f -> f.severity().rating()).max(Severity::compareTo);
    }

    /** The image's layers in order, each with the active findings whose package it introduced. */
    static List<LayerFindings> of(ImageInventory inventory, List<Finding> sortedFindings) {
        Map<String, List<Finding>> byLayer = new LinkedHashMap<>();
        for (Finding f : sortedFindings) {
            if (!ScanSummary.isActive(f)) {
                continue;
            }
            // A finding may sit in several places (the same package in two layers' paths): list it under each.
            f.locations().stream().map(Location::origin).filter(o -> o != null).map(o -> o.layer()).distinct()
                    .forEach(l -> byLayer.computeIfAbsent(l, k -> new ArrayList<>()).add(f));
        }
        List<LayerFindings> out = new ArrayList<>();
        int i = 0;
        for (ImageInventory.Layer l : inventory.layers()) {
            i++;
            out.add(new LayerFindings(i, l.digest(), l.createdBy(), l.packages(),
                    byLayer.getOrDefault(l.digest(), List.of())));
        }
        return out;
    }
}
