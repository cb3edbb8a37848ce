package dev.bulwark.util;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes text files that must be UTF-8 and, when one is not, says where: the JDK's own message for that
 * ({@code Input length = 1}) names neither the line nor the byte.
 */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** Bytes that are not UTF-8, with the position of the first bad sequence. */
    public static final class MalformedTextException extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final long column;
        private final long offset;
        private final String bytes;

        MalformedTextException(long line, long column, long offset, String bytes) {
            this.line = line;
            this.column = column;
            this.offset = offset;
            this.bytes = bytes;
        }

        /** 1-based line of the bad sequence. */
        public long line() {
            return line;
        }

        /** 1-based column (in characters) of the bad sequence on its line. */
        public long column() {
            return column;
        }

        /** 0-based byte offset of the bad sequence in the input. */
        public long offset() {
            return offset;
        }

        /** E.g. {@code not valid UTF-8 at line 3, column 7 (byte 0xFF at offset 42)}. */
        @Override
        public String getMessage() {
            return "not valid UTF-8 at line " + line + ", column " + column + " (" + bytes + " at offset " + offset
                    + ")";
        }
    }

    /**
     * The text of {@code bytes}, without a leading byte order mark.
     *
     * @throws MalformedTextException at the first sequence that is not UTF-8
     */
    public static String decode(byte[] bytes) throws MalformedTextException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw at(bytes, in.position(), r.length());
        }
        r = d.flush(out);
        if (r.isError()) {
            throw at(bytes, in.position(), r.length());
        }
        String s = out.flip().toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static MalformedTextException at(byte[] bytes, int offset, int length) {
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // the bytes before the bad sequence on its line decoded fine: count their characters
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        long column = before.codePointCount(0, before.length()) + 1;
        StringBuilder shown = new StringBuilder(length == 1 ? "byte" : "bytes");
        for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, length)); i++) {
            shown.append(String.format(Locale.ROOT, " 0x%02X", bytes[i] & 0xFF));
        }
        return new MalformedTextException(line, column, offset, shown.toString());
    }
}
