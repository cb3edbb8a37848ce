package dev.bulwark.scan.osv;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A generation's manifest: {@code manifest.json}, the one human-readable file of a generation, and
 * {@code manifest.bin}, the binary copy Bulwark reads ({@link #readGeneration}). Both are written from the same
 * record before the generation is swapped in; reading the JSON, even with the streaming parser, cost a cold scan
 * ~40 ms of class initialisation (jackson-core's parser statics start {@code java.math.BigDecimal}, whose own
 * static tables take 13-20 ms on JDK 25). Generations written before the binary copy existed are read from the JSON.
 *
 * <p>{@code manifest.json}, in both directions with Jackson's streaming
 * API only (no databind, which a scan would otherwise load for this one small file). The schema lives here once:
 * <pre>
 * {"ecosystem":"PyPI","sources":["…"],"importedAt":"2026-01-02T03:04:05.123Z","records":2651,"packages":660,
 *  "withdrawn":10,"malformed":0,"malformedExamples":[],"informational":0}
 * </pre>
 * Unknown fields are skipped (a newer Bulwark may add some); a missing count reads as 0 and a missing list as
 * empty, as before; {@code ecosystem} and {@code importedAt} are required.
 */
final class ManifestCodec {
    /** The binary copy's file name and format version (its first byte). */
    static final String BINARY = "manifest.bin";
    private static final int BINARY_VERSION = 1;

    private ManifestCodec() {
    }

    /** Writes {@code m} as JSON ({@code manifest.json}). */
    static void write(EcosystemManifest m, OutputStream target) throws IOException {
        Json.write(m, target);
    }

    /** The binary copy of {@code m}. */
    static byte[] encode(EcosystemManifest m) {
        OsvRecordCodec.Writer w = new OsvRecordCodec.Writer();
        w.u8(BINARY_VERSION);
        w.string(m.ecosystem());
        w.strings(m.sources());
        w.fixed64(m.importedAt().getEpochSecond());
        w.varint(m.importedAt().getNano());
        w.varint(m.records());
        w.varint(m.packages());
        w.varint(m.withdrawn());
        w.varint(m.malformed());
        w.strings(m.malformedExamples());
        w.varint(m.informational());
        return w.bytes();
    }

    /**
     * Decodes a binary copy.
     *
     * @throws IOException saying what is wrong (the caller names the file)
     */
    static EcosystemManifest decode(byte[] bytes) throws IOException {
        OsvRecordCodec.Reader r = new OsvRecordCodec.Reader(ByteBuffer.wrap(bytes));
        int version = r.u8();
        if (version != BINARY_VERSION) {
            throw new IOException("unknown manifest format version " + version + " (this Bulwark reads version "
                    + BINARY_VERSION + ")");
        }
        String ecosystem = r.required("ecosystem");
        List<String> sources = r.strings("sources");
        long seconds = r.fixed64();
        int nanos = r.varint();
        if (nanos > 999_999_999) {
            throw r.corrupt("nanoseconds out of range");
        }
        Instant importedAt;
        try {
            importedAt = Instant.ofEpochSecond(seconds, nanos);
        } catch (java.time.DateTimeException e) {
            throw r.corrupt("import time out of range");
        }
        int records = r.varint();
        int packages = r.varint();
        int withdrawn = r.varint();
        int malformed = r.varint();
        List<String> examples = r.strings("malformed example");
        int informational = r.varint();
        r.end("the manifest");
        return new EcosystemManifest(ecosystem, sources, importedAt, records, packages, withdrawn, malformed, examples,
                informational);
    }

    /**
     * The manifest of {@code generation}: its binary copy, or {@code manifest.json} when it has none (written before
     * the copy existed).
     *
     * @throws IOException naming the file and what is wrong with it
     */
    static EcosystemManifest readGeneration(Path generation) throws IOException {
        Path binary = generation.resolve(BINARY);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(binary);
        } catch (NoSuchFileException e) {
            return Json.read(generation.resolve(EcosystemIndex.MANIFEST));
        }
        try {
            return decode(bytes);
        } catch (IOException e) {
            throw new IOException(binary + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code manifest.json} with Jackson's streaming API; a class of its own, so a scan that reads the binary copy
     * loads no Jackson class (not even the exception types the JSON reader catches).
     */
    private static final class Json {
        private Json() {
        }

        private static final JsonFactory JSON = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(50).build())
                .build();

        /** Writes {@code m} as JSON. */
        static void write(EcosystemManifest m, OutputStream target) throws IOException {
            try (JsonGenerator g = JSON.createGenerator(target, JsonEncoding.UTF8)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                g.writeStringField("ecosystem", m.ecosystem());
                writeStrings(g, "sources", m.sources());
                g.writeStringField("importedAt", m.importedAt().toString());
                g.writeNumberField("records", m.records());
                g.writeNumberField("packages", m.packages());
                g.writeNumberField("withdrawn", m.withdrawn());
                g.writeNumberField("malformed", m.malformed());
                writeStrings(g, "malformedExamples", m.malformedExamples());
                g.writeNumberField("informational", m.informational());
                g.writeEndObject();
            }
        }

        private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
            g.writeArrayFieldStart(field);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }

        /**
         * Reads {@code file}.
         *
         * @throws IOException naming the file and what is wrong with it
         */
        static EcosystemManifest read(Path file) throws IOException {
            // An NIO stream, so a file this user may not read fails as AccessDeniedException naming it.
            try (InputStream in = Files.newInputStream(file)) {
                return read(in);
            } catch (ManifestException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
            }
        }

        private static EcosystemManifest read(InputStream in) throws IOException {
            String ecosystem = null;
            List<String> sources = List.of();
            Instant importedAt = null;
            int records = 0;
            int packages = 0;
            int withdrawn = 0;
            int malformed = 0;
            List<String> examples = List.of();
            int informational = 0;
            try (JsonParser p = JSON.createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new ManifestException("not a JSON object");
                }
                String field;
                while ((field = p.nextFieldName()) != null) {
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "ecosystem" -> ecosystem = text(p, field);
                        case "sources" -> sources = strings(p, field);
                        case "importedAt" -> importedAt = instant(p);
                        case "records" -> records = count(p, field);
                        case "packages" -> packages = count(p, field);
                        case "withdrawn" -> withdrawn = count(p, field);
                        case "malformed" -> malformed = count(p, field);
                        case "malformedExamples" -> examples = strings(p, field);
                        case "informational" -> informational = count(p, field);
                        default -> {
                            if (value.isStructStart()) {
                                p.skipChildren(); // a field a newer Bulwark added
                            }
                        }
                    }
                }
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    throw new ManifestException("not a JSON object");
                }
            }
            if (ecosystem == null) {
                throw new ManifestException("missing \"ecosystem\"");
            }
            if (importedAt == null) {
                throw new ManifestException("missing \"importedAt\"");
            }
            return new EcosystemManifest(ecosystem, sources, importedAt, records, packages, withdrawn, malformed,
                    examples, informational);
        }

        private static String text(JsonParser p, String field) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new ManifestException("\"" + field + "\" is not a string");
            }
            return p.getText();
        }

        private static int count(JsonParser p, String field) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new ManifestException("\"" + field + "\" is not a whole number");
            }
            long v = p.getLongValue();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new ManifestException("\"" + field + "\" is out of range: " + v);
            }
            return (int) v;
        }

        private static List<String> strings(JsonParser p, String field) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new ManifestException("\"" + field + "\" is not an array");
            }
            List<String> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(text(p, field + "[" + out.size() + "]"));
            }
            return out;
        }

        /** ISO-8601 as written; a number (seconds since the epoch, as databind writes timestamps) is read too. */
        private static Instant instant(JsonParser p) throws IOException {
            try {
                return switch (p.currentToken()) {
                    case VALUE_STRING -> Instant.parse(p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        BigDecimal seconds = p.getDecimalValue();
                        yield Instant.ofEpochSecond(seconds.longValue(),
                                seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
                    }
                    default -> throw new ManifestException("\"importedAt\" is not a timestamp");
                };
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new ManifestException("\"importedAt\" is not an ISO-8601 instant: " + p.getText());
            }
        }

        /** What is wrong with a manifest; the caller adds the file. */
        private static final class ManifestException extends IOException {
            ManifestException(String message) {
                super(message);
            }
        }
    }
}
