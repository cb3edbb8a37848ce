package dev.bulwark.scan.report;

import java.io.IOException;
import java.io.OutputStream;

/** Renders a {@link ScanReport} in one format. Writers never close {@code out}. */
public interface ReportWriter {
    void write(ScanReport report, OutputStream out) throws IOException;
}
