package dev.bulwark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.DockerEngineException;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.ScanOptions;
import dev.bulwark.scan.ScanSession;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.image.ImageScanCache;
import dev.bulwark.scan.image.ImageScanner;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.scan.report.ScanSummary;
import dev.bulwark.util.AppPaths;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code containers --scan}: the image of every running container, scanned once per (engine, image id), with one
 * summary row per container. Exit 1 when any image has a finding at or above {@code --fail-on}, 2 when no engine
 * answered or no image could be read. Each image scanned is stored once in the user's scan history, the same one the
 * GUI's Vulnerabilities view and Overview show.
 */
final class ContainerImageScan {
    /** One container's row. */
    record Row(String engine, String container, String image, String imageId, int packages,
               Map<Severity, Integer> active, int tripping, String problem) {
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final ScanHistory history;

    ContainerImageScan(PrintWriter out, PrintWriter err, ScanHistory history) {
        this.out = out;
        this.err = err;
        this.history = history;
    }

    int run(EngineOptions engineOptions, DbOptions db, FailOn threshold, Path ignoreFile, boolean json)
            throws java.io.IOException {
        AdvisoryDatabase database = db.open(Clock.systemUTC());
        if (database.status().stream().noneMatch(dev.bulwark.scan.osv.EcosystemStatus::present)) {
            err.println("bulwark: the advisory database " + database.dir()
                    + " is empty: run 'bulwark db import' or 'bulwark db update' first");
            return Cli.EXIT_USAGE;
        }
        ScanOptions options = new ScanOptions(Set.of(ScanOptions.OFFLINE), URI.create("https://api.osv.dev/"),
                AppPaths.forCurrentUser().cache(), "", Duration.ofSeconds(120), ignoreFile, threshold, false, null);
        List<Row> rows = new ArrayList<>();
        int enginesUp = 0;
        int scanned = 0;
        Set<String> reported = new java.util.HashSet<>();
        List<DockerEngine> engines = engineOptions.open();
        try (ScanSession session = new ScanSession(database, options, new ManifestScanner())) {
            ImageScanner images = new ImageScanner();
            for (DockerEngine engine : engines) {
                List<String> ids;
                try {
                    ids = engine.containerIds(false);
                    enginesUp++;
                } catch (DockerEngineException e) {
                    err.println("bulwark: engine " + engine.spec().name() + ": " + e.getMessage());
                    continue;
                }
                // Image ids are per engine: one cache per engine, each image scanned once however many run it.
                ImageScanCache cache = new ImageScanCache(Clock.systemUTC(), history);
                for (String id : ids) {
                    String name = id;
                    String image = "";
                    String imageId;
                    try {
                        ContainerDetails d = engine.inspect(id);
                        name = d.name();
                        image = d.image();
                        imageId = d.imageId().isEmpty() ? engine.containerImageId(id) : d.imageId();
                    } catch (DockerEngineException e) {
                        rows.add(new Row(engine.spec().name(), name, image, "", 0, Map.of(), 0, e.getMessage()));
                        continue;
                    }
                    // The history's target: as the GUI names it, the tag the container was started from and its engine.
                    String reference = (image.isEmpty() ? imageId : image) + " (" + engine.spec().name() + ")";
                    ImageScanCache.Result result = cache.scan(imageId, reference, false, () -> engine.saveImage(imageId),
                            images, session::scanImage, -1, ImageScanner.Progress.NONE);
                    if (result.unsaved() != null && reported.add(imageId)) {
                        err.println("bulwark: image " + reference + ": " + result.unsaved());
                    }
                    ScanReport r = result.report();
                    scanned += result.read() ? 1 : 0;
                    int trip = r == null ? 0 : threshold.tripping(r.findings(), false).size();
                    rows.add(new Row(engine.spec().name(), name, image, imageId,
                            r == null ? 0 : r.packages().size(), result.active(), trip, result.problemText()));
                }
            }
        } finally {
            EngineOptions.closeAll(engines);
        }
        print(rows, json);
        if (enginesUp == 0) {
            err.println("bulwark: no engine answered");
            return Cli.EXIT_USAGE;
        }
        if (!rows.isEmpty() && scanned == 0) {
            err.println("bulwark: no container image could be read; nothing was checked");
            return Cli.EXIT_USAGE;
        }
        long tripping = rows.stream().filter(r -> r.tripping() > 0).count();
        if (tripping > 0) {
            err.println("bulwark: " + tripping + " container(s) run images with findings at or above --fail-on");
            return 1;
        }
        return 0;
    }

    private void print(List<Row> rows, boolean json) {
        if (json) {
            ArrayNode arr = ContainersCommand.Json.MAPPER.createArrayNode();
            for (Row r : rows) {
                ObjectNode n = arr.addObject();
                n.put("engine", r.engine());
                n.put("container", r.container());
                n.put("image", r.image());
                n.put("image_id", r.imageId());
                n.put("packages", r.packages());
                ObjectNode sev = n.putObject("vulnerabilities");
                for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW,
                        Severity.UNKNOWN)) {
                    sev.put(s.name().toLowerCase(java.util.Locale.ROOT), r.active().getOrDefault(s, 0));
                }
                n.put("at_or_above_fail_on", r.tripping());
                n.put("problem", r.problem());
            }
            try {
                out.println(ContainersCommand.Json.MAPPER.writeValueAsString(arr));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            String fmt = "%-14s %-24s %-28s %-19s %8s %5s %5s %5s %5s  %s%n";
            out.printf(fmt, "ENGINE", "CONTAINER", "IMAGE", "IMAGE ID", "PACKAGES", "CRIT", "HIGH", "MED", "LOW",
                    "PROBLEM");
            for (Row r : rows) {
                String shortId = r.imageId().startsWith("sha256:") ? r.imageId().substring(7, Math.min(19, r.imageId().length()))
                        : r.imageId();
                out.printf(fmt, cut(r.engine(), 14), cut(r.container(), 24), cut(r.image(), 28), shortId,
                        r.packages(), n(r, Severity.CRITICAL), n(r, Severity.HIGH), n(r, Severity.MEDIUM),
                        n(r, Severity.LOW), r.problem() == null ? "" : r.problem());
            }
            if (rows.isEmpty()) {
                out.println("(no running container)");
            }
        }
        out.flush();
    }

    private static int n(Row r, Severity s) {
        return r.active().getOrDefault(s, 0);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
