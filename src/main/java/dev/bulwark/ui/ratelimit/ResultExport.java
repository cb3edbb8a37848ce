package dev.bulwark.ui.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.ratelimit.sim.ResultWriter;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Exports a run with the CLI's field names. CSV: the totals to the chosen file, the per-second series
 * next to it ({@code name-series.csv}) and its per-client breakdown ({@code name-clients.csv}, as the CLI's
 * {@code --client-series}). JSON: one document with the run's facts, {@code totals}, {@code series} and
 * {@code client_series}; {@code stopped} is true for the partial figures of a stopped run.
 */
final class ResultExport {
    private final ResultWriter writer = new ResultWriter();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the export and returns the files written. */
    List<Path> export(SimulationResult r, Path file, ResultWriter.Format format) throws IOException {
        if (format == ResultWriter.Format.CSV) {
            Path series = sibling(file, "-series");
            Path clients = sibling(file, "-clients");
            AtomicFiles.writeString(file, writer.totals(r, format));
            AtomicFiles.writeString(series, writer.series(r, format));
            AtomicFiles.writeString(clients, writer.clientSeries(r, format));
            return List.of(file, series, clients);
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("scenario", r.scenario());
        doc.put("seed", r.seed());
        doc.put("mode", r.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        doc.put("backend", r.backend());
        doc.put("seconds", r.seconds());
        doc.put("decisions", r.decisions());
        doc.put("decisions_per_second", Math.round(r.decisionsPerSecond()));
        doc.put("stopped", r.stopped());
        doc.set("totals", json.readTree(writer.totals(r, format)));
        doc.set("series", json.readTree(writer.series(r, format)));
        doc.set("client_series", json.readTree(writer.clientSeries(r, format)));
        doc.set("warnings", json.valueToTree(r.warnings()));
        AtomicFiles.writeString(file, json.writeValueAsString(doc) + "\n");
        return List.of(file);
    }

    /** With suffix {@code -series}, {@code totals.csv} becomes {@code totals-series.csv}. */
    static Path sibling(Path file, String suffix) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String base = dot > 0 ? n.substring(0, dot) : n;
        String ext = dot > 0 ? n.substring(dot) : ".csv";
        return file.resolveSibling(base + suffix + ext);
    }
}
