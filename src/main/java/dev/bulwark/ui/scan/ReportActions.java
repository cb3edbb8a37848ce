package dev.bulwark.ui.scan;

import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.policy.IgnoreFileWriter;
import dev.bulwark.scan.policy.IgnoreRule;
import dev.bulwark.scan.report.ReportFormat;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.scan.report.ScanSummary;
import dev.bulwark.scan.vex.OpenVexExporter;
import dev.bulwark.util.AtomicFiles;
import dev.bulwark.util.Errors;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * What the Vulnerabilities view does with the shown report: ignore a finding, export the report or its ignore
 * decisions as OpenVEX, open a reference. The work runs off the FX thread through the {@code TaskRunner}; the
 * outcome of each is one line in {@link #message()}. Part of {@link VulnerabilitiesViewModel}, which delegates.
 */
final class ReportActions {
    private final ScanServices services;
    private final ShownReport shown;
    private final ObservableList<ScanHistory.Entry> history;
    private final VexViewModel vex;
    private final StringProperty message;
    private final List<Consumer<IgnoreRule>> imageIgnored = new CopyOnWriteArrayList<>();

    ReportActions(Object bean, ScanServices services, ShownReport shown, ObservableList<ScanHistory.Entry> history,
                  VexViewModel vex) {
        this.services = services;
        this.shown = shown;
        this.history = history;
        this.vex = vex;
        this.message = new SimpleStringProperty(bean, "actionMessage", "");
    }

    /** Outcome of the last action (also set by the view-model, e.g. when a remembered scan cannot be opened). */
    StringProperty message() {
        return message;
    }

    /** See {@link VulnerabilitiesViewModel#onImageIgnored}. */
    void onImageIgnored(Consumer<IgnoreRule> listener) {
        imageIgnored.add(Objects.requireNonNull(listener));
    }

    /**
     * The ignore file an ignore on {@code r} goes to, null when there is none (a folder scan without roots). An
     * image's root names the image ("shop-api:2.4 (local)"), no folder: its ignores live in the per-user file every
     * image scan reads.
     */
    Path ignoreFile(ScanReport r) {
        if (r.ofImage()) {
            return services.imageIgnoreFile();
        }
        return r.roots().isEmpty() ? null : IgnoreFileWriter.fileFor(Path.of(r.roots().getFirst()));
    }

    /** See {@link VulnerabilitiesViewModel#ignoreSelected}. */
    void ignoreSelected(String reason) {
        Finding f = shown.selected().get();
        ScanReport r = shown.report().get();
        if (f == null || r == null) {
            return;
        }
        if (reason == null || reason.isBlank()) {
            message.set("An ignore needs a reason: say why " + f.id() + " is accepted.");
            return;
        }
        boolean ofImage = r.ofImage();
        Path file = ignoreFile(r);
        if (file == null) {
            message.set("This scan has no root folder to hold an ignore file.");
            return;
        }
        String why = reason.strip();
        ScanHistory.Entry entry = shown.entry().get();
        services.tasks().run("ignore " + f.id(), () -> {
            new IgnoreFileWriter().add(file, new IgnoreRule(f.id(), why, null));
            ScanReport updated = ScanSummary.withIgnored(r, f.id(), why);
            ScanHistory.Entry stored = entry == null ? null : services.history().replace(entry, updated);
            return new ScanJobs.Completed(updated, stored);
        }, done -> {
            if (shown.report().get() == r) {
                shown.show(done.report(), done.entry());
                if (done.entry() != null) {
                    history.replaceAll(h -> h.id().equals(done.entry().id()) ? done.entry() : h);
                }
                shown.selected().set(done.report().findings().stream().filter(x -> x.id().equals(f.id())
                        && x.packageName().equals(f.packageName())).findFirst().orElse(null));
            }
            if (ofImage) {
                imageIgnored.forEach(l -> l.accept(new IgnoreRule(f.id(), why, null)));
                message.set("Ignored " + f.id() + " in " + file + " (applies to every image scan)");
            } else {
                message.set("Ignored " + f.id() + " in " + file);
            }
        }, e -> message.set("Could not ignore " + f.id() + " in " + file + ": " + Errors.describe(e)));
    }

    /** See {@link VulnerabilitiesViewModel#export}. */
    void export(ReportFormat format, Path folder) {
        ScanReport r = reportToExport();
        if (r == null) {
            return;
        }
        Path target = folder.resolve(format.fileName());
        services.tasks().run("export " + format, () -> {
            AtomicFiles.write(target, out -> format.newWriter().write(r, out));
            return target;
        }, t -> message.set("Wrote " + t), e -> message.set("Export failed: " + Errors.describe(e)));
    }

    /** See {@link VulnerabilitiesViewModel#exportVex}. */
    void exportVex(Path target) {
        ScanReport r = reportToExport();
        if (r == null) {
            return;
        }
        if (r.findings().stream().noneMatch(Finding::isIgnored)) {
            message.set("Nothing to export: no finding of this scan is ignored or suppressed by VEX.");
            return;
        }
        String author = vex.authorProperty().get();
        services.tasks().run("export VEX", () -> new OpenVexExporter(services.clock()).write(r, author, target),
                e -> message.set("Wrote " + target + " (OpenVEX, " + e.statements() + " statement(s) for "
                        + e.findings() + " finding(s))"),
                e -> message.set("VEX export failed: " + Errors.describe(e)));
    }

    /** The shown report, or null (and says so) when there is none yet. */
    private ScanReport reportToExport() {
        ScanReport r = shown.report().get();
        if (r == null) {
            message.set("Nothing to export yet: run a scan or open one from the history.");
        }
        return r;
    }

    /** See {@link VulnerabilitiesViewModel#openReference}. */
    void openReference(String url) {
        services.tasks().run("open link", () -> {
            services.links().open(URI.create(url));
            return url;
        }, u -> message.set("Opened " + u), e -> message.set("Cannot open " + url + ": " + e.getMessage()));
    }
}
