package dev.bulwark.scan.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A manifest's content, read once under the {@link ParseLimits}: the size is checked before reading,
 * binary content (NUL bytes) and invalid UTF-8 are refused with a message naming the problem.
 *
 * <p>Memory stays near twice the file's size: the bytes, the text (checked as UTF-8 in small chunks, then made
 * without an intermediate char array), and for line-based formats 4 bytes a line ({@link Lines}), never a String
 * per line up front.
 */
final class ManifestInput {
    private static final int SNIFF_BYTES = 8192;
    private static final int CHECK_CHUNK = 8192;

    private final Path file;
    private final byte[] bytes;
    private String text;
    private Lines lines;

    private ManifestInput(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /** Reads {@code file}, refusing oversized and binary files. */
    static ManifestInput read(Path file, ParseLimits limits) throws IOException, ManifestFormatException {
        long size = Files.size(file);
        if (size > limits.maxFileBytes()) {
            throw new ManifestFormatException("file is " + megabytes(size) + " MB, over the " + megabytes(limits.maxFileBytes())
                    + " MB limit for manifests; refused unread", 0);
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > limits.maxFileBytes()) {
            throw new ManifestFormatException("file grew past the " + megabytes(limits.maxFileBytes()) + " MB limit while reading", 0);
        }
        int sniff = Math.min(bytes.length, SNIFF_BYTES);
        for (int i = 0; i < sniff; i++) {
            if (bytes[i] == 0) {
                throw new ManifestFormatException("binary content (NUL byte at offset " + i + "), not a text manifest", 0);
            }
        }
        return new ManifestInput(file, bytes);
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    Path file() {
        return file;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The content as strict UTF-8 (a leading BOM dropped). */
    String text() throws ManifestFormatException {
        if (text == null) {
            requireUtf8(bytes);
            int bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                    && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
            text = new String(bytes, bom, bytes.length - bom, StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The text's lines (without terminators, split at CR LF, LF or CR); index 0 is line 1. */
    Lines lines() throws ManifestFormatException {
        if (lines == null) {
            lines = new Lines(text());
        }
        return lines;
    }

    /** Strict UTF-8 check through a small buffer, so no char array of the file's size is made. */
    private static void requireUtf8(byte[] bytes) throws ManifestFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(CHECK_CHUNK);
        try {
            while (true) {
                CoderResult r = decoder.decode(in, out, true);
                if (r.isError()) {
                    r.throwException();
                }
                out.clear();
                if (r.isUnderflow()) {
                    break;
                }
            }
            while (decoder.flush(out).isOverflow()) {
                out.clear();
            }
        } catch (CharacterCodingException e) {
            throw new ManifestFormatException("not valid UTF-8 text (binary or wrongly encoded file)", 0, e);
        }
    }

    /**
     * The lines of a text, cut out only when asked for: the text is held once, plus where each line starts.
     * Splits as {@code text.split("\r\n|\n|\r", -1)} would (a text ending in a line break has a last, empty line).
     */
    static final class Lines {
        private final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    count++;
                }
            }
            starts = new int[count];
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    starts[line++] = i + 1;
                }
            }
        }

        /** How many lines. */
        int size() {
            return starts.length;
        }

        /** Line {@code index + 1}, without its terminator. */
        String get(int index) {
            int start = starts[index];
            int end = index + 1 < starts.length ? starts[index + 1] - 1 : text.length();
            if (index + 1 < starts.length && text.charAt(end) == '\n' && end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            return text.substring(start, end);
        }
    }
}
