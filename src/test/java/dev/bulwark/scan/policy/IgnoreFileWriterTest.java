package dev.bulwark.scan.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer produces is read back by the core's {@link IgnoreFile}. */
class IgnoreFileWriterTest {
    @TempDir
    Path dir;
    private final IgnoreFileWriter writer = new IgnoreFileWriter();

    @Test
    void createsTheFileThenAppendsKeepingExistingEntries() throws IOException {
        Path file = IgnoreFileWriter.fileFor(dir);
        assertThat(file).isEqualTo(dir.resolve(".bulwark-ignore.yaml"));
        writer.add(file, new IgnoreRule("CVE-2018-18074", "internal hosts: only", null));
        writer.add(file, new IgnoreRule("GHSA-462w-v97r-4m45", "sandbox unused", LocalDate.parse("2027-01-31")));
        IgnoreFile.Loaded loaded = new IgnoreFile().load(file);
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.rules()).containsExactly(new IgnoreRule("CVE-2018-18074", "internal hosts: only", null),
                new IgnoreRule("GHSA-462w-v97r-4m45", "sandbox unused", LocalDate.parse("2027-01-31")));
    }

    @Test
    void acceptsATopLevelListAndAFileNextToAManifest() throws IOException {
        Path manifest = Files.writeString(dir.resolve("requirements.txt"), "a==1\n");
        Path file = IgnoreFileWriter.fileFor(manifest);
        Files.writeString(file, "- id: X-1\n  reason: old entry\n");
        writer.add(file, new IgnoreRule("X-2", "new", null));
        assertThat(new IgnoreFile().load(file).rules()).extracting(IgnoreRule::id).containsExactly("X-1", "X-2");
    }

    @Test
    void neverOverwritesAFileItCannotRead() throws IOException {
        Path file = dir.resolve(".bulwark-ignore.yaml");
        Files.writeString(file, "ignore: [unclosed\n");
        assertThatThrownBy(() -> writer.add(file, new IgnoreRule("X", "r", null)))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo("ignore: [unclosed\n");
        Files.writeString(file, "ignore: 42\n");
        assertThatThrownBy(() -> writer.add(file, new IgnoreRule("X", "r", null))).hasMessageContaining("ignore:");
    }
}
