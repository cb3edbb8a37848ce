package dev.bulwark.ui.scan;

import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.match.SeverityAssessment;
import dev.bulwark.scan.report.ScanReport;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The report the Vulnerabilities view shows (a scan just run or one opened from the history): its findings, most
 * severe first, the filters and grouping over them, and the selected finding. FX thread only; part of
 * {@link VulnerabilitiesViewModel}, whose accessors hand these properties out.
 */
final class ShownReport {
    private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator
            .comparing(Finding::severity, SeverityAssessment.ORDER).reversed()
            .thenComparing(Finding::packageName).thenComparing(Finding::id);

    private final VexViewModel vex;
    private final ObjectProperty<ScanReport> report;
    private final ObjectProperty<ScanHistory.Entry> entry;
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final FilteredList<Finding> visible = new FilteredList<>(findings);
    private final ObservableList<PackageGroup> groups = FXCollections.observableArrayList();
    private final BooleanProperty grouped;
    private final ObjectProperty<Severity> minimumSeverity;
    private final ObjectProperty<String> ecosystemFilter;
    private final StringProperty textFilter;
    private final ObservableList<String> resultEcosystems = FXCollections.observableArrayList();
    private final ObjectProperty<Finding> selected;

    /** @param bean the view-model the properties belong to (their bean, as before the split) */
    ShownReport(Object bean, VexViewModel vex) {
        this.vex = vex;
        report = new SimpleObjectProperty<>(bean, "report");
        entry = new SimpleObjectProperty<>(bean, "reportEntry");
        grouped = new SimpleBooleanProperty(bean, "grouped");
        minimumSeverity = new SimpleObjectProperty<>(bean, "minimumSeverity");
        ecosystemFilter = new SimpleObjectProperty<>(bean, "ecosystemFilter");
        textFilter = new SimpleStringProperty(bean, "textFilter", "");
        selected = new SimpleObjectProperty<>(bean, "selected");
        minimumSeverity.addListener((o, a, b) -> refilter());
        ecosystemFilter.addListener((o, a, b) -> refilter());
        textFilter.addListener((o, a, b) -> refilter());
        vex.showSuppressedProperty().addListener((o, a, b) -> refilter());
        visible.addListener((ListChangeListener<Finding>) c -> groups.setAll(PackageGroup.of(visible)));
    }

    /** Shows {@code r} (remembered as {@code historyEntry}, or null): no selection, filters kept where they apply. */
    void show(ScanReport r, ScanHistory.Entry historyEntry) {
        report.set(r);
        entry.set(historyEntry);
        selected.set(null);
        findings.setAll(r.findings().stream().sorted(MOST_SEVERE_FIRST).toList());
        resultEcosystems.setAll(r.findings().stream().map(f -> f.ecosystem().osvName())
                .collect(Collectors.toCollection(TreeSet::new)));
        if (ecosystemFilter.get() != null && !resultEcosystems.contains(ecosystemFilter.get())) {
            ecosystemFilter.set(null);
        }
        groups.setAll(PackageGroup.of(visible));
    }

    private void refilter() {
        FindingFilter filter = new FindingFilter(minimumSeverity.get(), ecosystemFilter.get(), textFilter.get());
        boolean suppressed = vex.showSuppressedProperty().get();
        visible.setPredicate(f -> filter.test(f) && (suppressed || !f.isIgnored()));
    }

    ObjectProperty<ScanReport> report() {
        return report;
    }

    /** The history entry of the shown report, or null (not remembered). */
    ObjectProperty<ScanHistory.Entry> entry() {
        return entry;
    }

    ObservableList<Finding> findings() {
        return findings;
    }

    ObservableList<Finding> visible() {
        return visible;
    }

    ObservableList<PackageGroup> groups() {
        return groups;
    }

    BooleanProperty grouped() {
        return grouped;
    }

    ObjectProperty<Severity> minimumSeverity() {
        return minimumSeverity;
    }

    ObjectProperty<String> ecosystemFilter() {
        return ecosystemFilter;
    }

    StringProperty textFilter() {
        return textFilter;
    }

    ObservableList<String> resultEcosystems() {
        return resultEcosystems;
    }

    ObjectProperty<Finding> selected() {
        return selected;
    }
}
