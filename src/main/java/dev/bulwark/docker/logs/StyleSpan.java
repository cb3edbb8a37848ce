package dev.bulwark.docker.logs;

/**
 * A run of text with one ANSI style. Colours: {@link #DEFAULT}, 0-255 for the xterm palette (0-7 normal,
 * 8-15 bright), or {@code RGB_FLAG | 0xRRGGBB} for 24-bit colour.
 *
 * @param start     first char (inclusive) in {@link LogLine#text()}
 * @param end       last char (exclusive)
 */
public record StyleSpan(int start, int end, int foreground, int background, boolean bold, boolean italic,
                        boolean underline) {
    public static final int DEFAULT = -1;
    public static final int RGB_FLAG = 0x1000000;
}
