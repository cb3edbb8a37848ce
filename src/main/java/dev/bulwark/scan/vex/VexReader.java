package dev.bulwark.scan.vex;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.util.LazyLogger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Reads VEX files: OpenVEX (JSON) and CycloneDX VEX (JSON or XML), recognised by content, each validated against its
 * official schema. A file that cannot be read or is invalid is one {@link ScanError} naming the file and the JSON
 * pointer / field; its statements are not applied (so the findings they would suppress stay active) and the other
 * files still load.
 */
public final class VexReader {
    /** Larger files are refused: real VEX documents are kilobytes to a few megabytes. */
    static final long MAX_BYTES = 32L << 20;
    private static final Logger LOG = LazyLogger.of(VexReader.class);
    static final String SOURCE = "vex";
    private static final int MAX_MESSAGE = 400;

    /**
     * What was loaded.
     *
     * @param statements every statement of every valid file, in file order
     * @param errors     one per rejected file
     * @param warnings   problems that did not reject a file (statements not applied, lenient schema points)
     * @param files      the files whose statements were loaded
     */
    public record Loaded(List<VexStatement> statements, List<ScanError> errors, List<String> warnings,
                         List<Path> files) {
        public Loaded {
            statements = List.copyOf(statements);
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
            files = List.copyOf(files);
        }

        public static Loaded empty() {
            return new Loaded(List.of(), List.of(), List.of(), List.of());
        }
    }

    /** Loads {@code files} in order (later files win timestamp ties). Never throws for bad input. */
    public Loaded load(List<Path> files) {
        List<VexStatement> statements = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Path> loaded = new ArrayList<>();
        for (Path file : files) {
            ParsedDocument doc = read(file);
            doc.warnings().forEach(w -> warnings.add(file + ": " + oneLine(w)));
            if (doc.error() != null) {
                errors.add(new ScanError(file, 0, SOURCE, oneLine(doc.error())));
                continue;
            }
            for (VexStatement s : doc.statements()) {
                statements.add(s.withOrder(statements.size()));
            }
            loaded.add(file);
        }
        return new Loaded(statements, errors, warnings, loaded);
    }

    /**
     * {@code s} as one printable line: messages quote the document (a status, a ref), which is untrusted, so control
     * characters (terminal escapes) and bidirectional overrides become {@code ?}, and it is cut at 400 characters.
     */
    static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_MESSAGE + 1));
        for (int i = 0; i < s.length() && sb.length() <= MAX_MESSAGE; i++) {
            char c = s.charAt(i);
            boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) || bidi ? '?' : c);
        }
        return sb.length() > MAX_MESSAGE ? sb.substring(0, MAX_MESSAGE) + "…" : sb.toString();
    }

    /** Reads one file. */
    ParsedDocument read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return ParsedDocument.rejected("VEX file larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn("cannot read VEX file {}", file, e);
            return ParsedDocument.rejected("cannot read VEX file: " + e);
        }
        int start = 0;
        while (start < bytes.length && (Character.isWhitespace(bytes[start]) || (bytes[start] & 0xff) == 0xef
                || (bytes[start] & 0xff) == 0xbb || (bytes[start] & 0xff) == 0xbf)) {
            start++;
        }
        if (start < bytes.length && bytes[start] == '<') {
            return new CycloneDxVexReader().read(file, bytes, true, null);
        }
        JsonNode root;
        try {
            // Built per file, only when there is one: a scan without --vex loads no databind.
            root = new ObjectMapper().readTree(bytes);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            return ParsedDocument.rejected("not JSON" + (loc == null ? "" : " (line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() + ")") + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return ParsedDocument.rejected("cannot read VEX file: " + e);
        }
        if (root == null || !root.isObject()) {
            return ParsedDocument.rejected("/: expected a JSON object (OpenVEX or CycloneDX VEX)");
        }
        if (root.has("bomFormat") || root.has("specVersion")) {
            if (!"CycloneDX".equals(root.path("bomFormat").asText())) {
                return ParsedDocument.rejected("/bomFormat: expected \"CycloneDX\"");
            }
            return new CycloneDxVexReader().read(file, bytes, false, root.path("specVersion").asText(null));
        }
        if (root.has("@context") || root.has("statements")) {
            return new OpenVexReader().read(file, root);
        }
        return ParsedDocument.rejected("/: neither OpenVEX (@context, statements) nor CycloneDX (bomFormat)");
    }
}
