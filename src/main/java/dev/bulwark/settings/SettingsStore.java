package dev.bulwark.settings;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Settings} as JSON in the per-user config directory. Writes are atomic
 * (temp + rename). A file that cannot be read as settings is moved aside to
 * {@code settings.json.corrupt-<timestamp>} and the defaults load, with a notice for the user.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** @param file  the settings file, e.g. {@code <config>/settings.json}
     *  @param clock time source for the corrupt-file timestamp */
    public SettingsStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** What {@link #load()} found: the settings to use and, when the file was corrupt, a notice. */
    public record Loaded(Settings settings, Optional<String> notice) {
    }

    /** The settings file this store owns. */
    public Path file() {
        return file;
    }

    /** Loads the settings; never throws for a bad file (it is set aside), only for I/O failures moving it. */
    public Loaded load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(Settings.DEFAULTS, Optional.empty());
        } catch (IOException e) {
            LOG.error("Cannot read settings {}", file, e);
            return new Loaded(Settings.DEFAULTS,
                    Optional.of("Settings could not be read (" + e.getMessage() + "); defaults are in use."));
        }
        try {
            Settings s = mapper.readValue(bytes, Settings.class);
            if (s == null) {
                throw new IllegalArgumentException("file holds JSON null");
            }
            return new Loaded(s, Optional.empty());
        } catch (JacksonException | IllegalArgumentException e) {
            return recoverCorrupt(e);
        } catch (IOException e) {
            return recoverCorrupt(e);
        }
    }

    private Loaded recoverCorrupt(Exception cause) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + LocalDateTime.now(clock).format(STAMP));
        try {
            Files.move(file, aside);
            LOG.warn("Settings file {} is corrupt ({}); moved to {} and loaded defaults", file, cause.getMessage(), aside);
            return new Loaded(Settings.DEFAULTS, Optional.of(
                    "Your settings file was corrupt and has been moved to " + aside + ". Defaults are in use."));
        } catch (IOException moveFailure) {
            moveFailure.addSuppressed(cause);
            LOG.error("Settings file {} is corrupt and could not be moved aside", file, moveFailure);
            return new Loaded(Settings.DEFAULTS, Optional.of(
                    "Your settings file " + file + " is corrupt and could not be moved aside: "
                            + moveFailure.getMessage() + ". Defaults are in use."));
        }
    }

    /** Atomically replaces the settings file. */
    public void save(Settings settings) throws IOException {
        AtomicFiles.write(file, out -> mapper.writeValue(new NonClosingStream(out), settings));
    }

    /** Jackson closes the stream it writes to; AtomicFiles must still force and close the channel itself. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
