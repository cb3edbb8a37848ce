package dev.bulwark.scan.history;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.osv.OsvJson;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.scan.report.ScanSummary;
import dev.bulwark.util.AppPaths;
import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last {@value #LIMIT} scans under one folder: {@code index.json} (newest first) plus one JSON file per
 * report. Every file is written atomically; older reports are deleted as new ones arrive. Several writers share one
 * history (the Vulnerabilities view, the Containers view's image scans, {@code containers --scan}): whoever shows it
 * hears of every new scan through {@link #onAdded}.
 */
public final class ScanHistory {
    /** How many scans are kept. */
    public static final int LIMIT = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ScanHistory.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    /**
     * One remembered scan.
     *
     * @param id         file stem of the report
     * @param at         when the scan finished
     * @param roots      what was scanned
     * @param packages   packages checked
     * @param bySeverity active (not ignored, not informational) findings per severity
     */
    public record Entry(String id, Instant at, List<String> roots, int packages, Map<Severity, Integer> bySeverity) {
        /** Copies the lists and the map. */
        public Entry {
            roots = List.copyOf(roots);
            bySeverity = Map.copyOf(bySeverity);
        }

        /** Active findings in total. */
        public int findings() {
            return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Path dir;
    private final ObjectMapper mapper;
    private final CopyOnWriteArrayList<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();

    /** The user's history: {@code <data>/scan-history}, shared by the GUI and the CLI. */
    public static ScanHistory of(AppPaths paths) {
        return new ScanHistory(paths.data().resolve("scan-history"));
    }

    /** The history kept in {@code dir} (created on the first scan). */
    public ScanHistory(Path dir) {
        this.dir = dir;
        this.mapper = OsvJson.newMapper();
        // Reports are records: persist their components only, never derived getters like isIgnored().
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        // AtomicFiles forces the channel after the body: the body must not close it.
        mapper.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    }

    /**
     * Calls {@code listener} with every scan stored by {@link #add}, on the adding thread, after the files are
     * written; close the handle to stop.
     */
    public AutoCloseable onAdded(Consumer<Entry> listener) {
        listeners.add(Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    /** The folder holding the index and the reports. */
    public Path dir() {
        return dir;
    }

    /** Remembered scans, newest first; an unreadable index is an error naming the file. */
    public List<Entry> list() throws IOException {
        Path index = dir.resolve("index.json");
        if (!Files.exists(index)) {
            return List.of();
        }
        try {
            return mapper.readValue(index.toFile(), new TypeReference<List<Entry>>() { });
        } catch (IOException e) {
            throw new IOException("scan history " + index + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Stores {@code report} as the newest scan, forgets scans beyond {@value #LIMIT} and tells the listeners. */
    public Entry add(ScanReport report) throws IOException {
        Entry entry = store(report);
        listeners.forEach(l -> l.accept(entry));
        return entry;
    }

    private synchronized Entry store(ScanReport report) throws IOException {
        List<Entry> entries = new ArrayList<>(readableList());
        String id = ID.format(report.generatedAt());
        for (int n = 2; containsId(entries, id); n++) {
            id = ID.format(report.generatedAt()) + "-" + n;
        }
        Entry entry = entryFor(id, report);
        writeReport(id, report);
        entries.addFirst(entry);
        List<Entry> dropped = entries.size() > LIMIT ? List.copyOf(entries.subList(LIMIT, entries.size())) : List.of();
        entries = entries.subList(0, Math.min(LIMIT, entries.size()));
        writeIndex(entries);
        for (Entry old : dropped) {
            Files.deleteIfExists(reportFile(old.id()));
        }
        return entry;
    }

    /** Replaces the stored report of {@code entry} (e.g. after an ignore), keeping its place. */
    public synchronized Entry replace(Entry entry, ScanReport report) throws IOException {
        List<Entry> entries = new ArrayList<>(readableList());
        Entry updated = entryFor(entry.id(), report);
        entries.replaceAll(e -> e.id().equals(entry.id()) ? updated : e);
        writeReport(entry.id(), report);
        writeIndex(entries);
        return updated;
    }

    /** Reads the report of {@code entry}. */
    public ScanReport load(Entry entry) throws IOException {
        Path file = reportFile(entry.id());
        try {
            return mapper.readValue(file.toFile(), ScanReport.class);
        } catch (IOException e) {
            throw new IOException("scan report " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private List<Entry> readableList() {
        try {
            return list();
        } catch (IOException e) {
            // A corrupt index must not block new scans from being remembered; the old one is replaced.
            LOG.warn("starting a new scan history: {}", e.getMessage());
            return List.of();
        }
    }

    private static boolean containsId(List<Entry> entries, String id) {
        return entries.stream().anyMatch(e -> e.id().equals(id));
    }

    private static Entry entryFor(String id, ScanReport report) {
        return new Entry(id, report.generatedAt(), report.roots(), report.packages().size(),
                ScanSummary.activeBySeverity(report));
    }

    private void writeReport(String id, ScanReport report) throws IOException {
        AtomicFiles.write(reportFile(id), out -> mapper.writeValue(out, report));
    }

    private void writeIndex(List<Entry> entries) throws IOException {
        AtomicFiles.write(dir.resolve("index.json"),
                out -> mapper.writerWithDefaultPrettyPrinter().writeValue(out, entries));
    }

    private Path reportFile(String id) {
        return dir.resolve(id + ".json");
    }
}
