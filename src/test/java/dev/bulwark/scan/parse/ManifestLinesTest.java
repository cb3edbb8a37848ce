package dev.bulwark.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ManifestInput.Lines} splits exactly as {@code split("\r\n|\n|\r", -1)} did, without a String a line. */
class ManifestLinesTest {
    @Test
    void splitsLikeTheRegexItReplaced() {
        for (String text : List.of("", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\r", "\n\n", "\r\n\r\n", "a\r\r\nb",
                "x\n\ry\r\n\nz", "requests==2.19.0\r\n# c\rjinja2==2.10\n")) {
            ManifestInput.Lines lines = new ManifestInput.Lines(text);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                got.add(lines.get(i));
            }
            assertThat(got).as("%s", text.replace("\r", "\\r").replace("\n", "\\n"))
                    .containsExactly(text.split("\r\n|\n|\r", -1));
        }
    }
}
