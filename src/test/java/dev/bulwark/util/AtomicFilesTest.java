package dev.bulwark.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesContentAndLeavesNoTempFile() throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertThat(f).hasContent("two");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(f);
        }
    }

    @Test
    void failingWriterKeepsTheOldContent() throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFiles.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(f).hasContent("old");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(f);
        }
    }
}
