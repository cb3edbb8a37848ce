package dev.bulwark.scan.report;

import java.util.Locale;

/** The report formats, with the file name each gets in an output folder. */
public enum ReportFormat {
    JSON("bulwark-report.json"),
    SARIF("bulwark-report.sarif"),
    HTML("bulwark-report.html"),
    CYCLONEDX("bulwark-report.cdx.json"),
    CSV("bulwark-report.csv"),
    MARKDOWN("bulwark-report.md"),
    TABLE("bulwark-report.txt");

    private final String fileName;

    ReportFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** Parses a CLI name: json, sarif, html, cyclonedx (or cdx), csv, markdown (or md), table. */
    public static ReportFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "cdx", "cyclonedx" -> CYCLONEDX;
            case "md", "markdown" -> MARKDOWN;
            case "txt", "table" -> TABLE;
            default -> {
                try {
                    yield valueOf(n.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown report format \"" + name
                            + "\" (json, sarif, html, cyclonedx, csv, markdown, table)", e);
                }
            }
        };
    }

    /** A new writer for this format whose relative paths are relative to {@code baseDir} (SARIF declares it). */
    public ReportWriter newWriter(java.nio.file.Path baseDir) {
        return this == SARIF ? new SarifReportWriter(baseDir) : newWriter();
    }

    /** A new writer for this format. */
    public ReportWriter newWriter() {
        return switch (this) {
            case JSON -> new JsonReportWriter();
            case SARIF -> new SarifReportWriter();
            case HTML -> new HtmlReportWriter();
            case CYCLONEDX -> new CycloneDxReportWriter();
            case CSV -> new CsvReportWriter();
            case MARKDOWN -> new MarkdownReportWriter();
            case TABLE -> new TableReportWriter();
        };
    }
}
