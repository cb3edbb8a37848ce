package dev.bulwark.scan.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A manifest's content, read once under the {@link ParseLimits}: the size is checked before reading,
 * binary content (NUL bytes) and invalid UTF-8 are refused with a message naming the problem.
 */
final class ManifestInput {
    private static final int SNIFF_BYTES = 8192;

    private final Path file;
    private final byte[] bytes;
    private String text;

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
            try {
                String s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
                text = s.startsWith("\uFEFF") ? s.substring(1) : s;
            } catch (CharacterCodingException e) {
                throw new ManifestFormatException("not valid UTF-8 text (binary or wrongly encoded file)", 0, e);
            }
        }
        return text;
    }

    /** The text split into lines (without terminators); index 0 is line 1. */
    String[] lines() throws ManifestFormatException {
        return text().split("\r\n|\n|\r", -1);
    }
}
