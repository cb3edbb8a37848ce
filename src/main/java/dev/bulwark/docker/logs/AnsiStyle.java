package dev.bulwark.docker.logs;

/** Mutable SGR state while scanning one line. */
final class AnsiStyle {
    int fg = StyleSpan.DEFAULT;
    int bg = StyleSpan.DEFAULT;
    boolean bold;
    boolean italic;
    boolean underline;

    AnsiStyle copy() {
        AnsiStyle c = new AnsiStyle();
        c.fg = fg;
        c.bg = bg;
        c.bold = bold;
        c.italic = italic;
        c.underline = underline;
        return c;
    }

    boolean isDefault() {
        return fg == StyleSpan.DEFAULT && bg == StyleSpan.DEFAULT && !bold && !italic && !underline;
    }

    StyleSpan span(int start, int end) {
        return new StyleSpan(start, end, fg, bg, bold, italic, underline);
    }

    /** Applies SGR parameters such as {@code 1;31}, {@code 38;5;208}, {@code 48;2;10;20;30}, {@code 0}. */
    void apply(String params) {
        String[] p = params.isEmpty() ? new String[]{"0"} : params.split("[;:]", -1);
        for (int i = 0; i < p.length; i++) {
            int code = num(p[i]);
            switch (code) {
                case 0 -> reset();
                case 1 -> bold = true;
                case 3 -> italic = true;
                case 4 -> underline = true;
                case 22 -> bold = false;
                case 23 -> italic = false;
                case 24 -> underline = false;
                case 39 -> fg = StyleSpan.DEFAULT;
                case 49 -> bg = StyleSpan.DEFAULT;
                case 38, 48 -> {
                    int colour = StyleSpan.DEFAULT;
                    if (i + 2 < p.length && num(p[i + 1]) == 5) {
                        colour = clamp(num(p[i + 2]));
                        i += 2;
                    } else if (i + 4 < p.length && num(p[i + 1]) == 2) {
                        colour = StyleSpan.RGB_FLAG | clamp(num(p[i + 2])) << 16 | clamp(num(p[i + 3])) << 8
                                | clamp(num(p[i + 4]));
                        i += 4;
                    } else {
                        i = p.length; // malformed extended colour: ignore the rest
                    }
                    if (code == 38) {
                        fg = colour;
                    } else {
                        bg = colour;
                    }
                }
                default -> {
                    if (code >= 30 && code <= 37) {
                        fg = code - 30;
                    } else if (code >= 40 && code <= 47) {
                        bg = code - 40;
                    } else if (code >= 90 && code <= 97) {
                        fg = code - 90 + 8;
                    } else if (code >= 100 && code <= 107) {
                        bg = code - 100 + 8;
                    }
                }
            }
        }
    }

    private void reset() {
        fg = StyleSpan.DEFAULT;
        bg = StyleSpan.DEFAULT;
        bold = false;
        italic = false;
        underline = false;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static int num(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnsiStyle a && a.fg == fg && a.bg == bg && a.bold == bold && a.italic == italic
                && a.underline == underline;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(fg, bg, bold, italic, underline);
    }
}
