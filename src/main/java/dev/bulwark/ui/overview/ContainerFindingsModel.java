package dev.bulwark.ui.overview;

import dev.bulwark.scan.ContainerFindingsSource;
import dev.bulwark.ui.UpdateBatcher;
import java.time.ZoneId;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Overview's line about running containers whose images carry HIGH or CRITICAL findings (issue 13): follows a
 * {@link ContainerFindingsSource}, whose updates may come from any thread, through an {@link UpdateBatcher} (the
 * latest of a batch wins). Says "not scanned yet" until the source has scanned.
 */
public final class ContainerFindingsModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerFindingsModel.class);

    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<ContainerFindingsSource.Findings> findings =
            new ReadOnlyObjectWrapper<>(this, "findings", ContainerFindingsSource.Findings.NOT_SCANNED);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final UpdateBatcher<ContainerFindingsSource.Findings> batcher;
    private final AutoCloseable subscription;

    /** Starts following {@code source}; FX thread. */
    ContainerFindingsModel(ContainerFindingsSource source, UpdateBatcher.Factory batchers, ZoneId zone) {
        this.zone = zone;
        apply(source.current());
        batcher = batchers.start(batch -> apply(batch.getLast()));
        subscription = source.subscribe(batcher::offer);
    }

    private void apply(ContainerFindingsSource.Findings f) {
        findings.set(f);
        text.set(OverviewText.findings(f, zone));
    }

    /** What the source knows now. */
    public ReadOnlyObjectProperty<ContainerFindingsSource.Findings> findingsProperty() {
        return findings.getReadOnlyProperty();
    }

    /** {@code Not scanned yet: ...}, {@code 2 running containers carry HIGH or CRITICAL findings: web, db}. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Stops following the source: nothing changes after this returns on the FX thread. */
    @Override
    public void close() {
        batcher.close();
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("closing the container findings subscription failed", e);
        }
    }
}
