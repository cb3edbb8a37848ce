package dev.bulwark.settings;

import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The gateway's bearer token, in its own file ({@code <config>/gateway-token}) rather than in settings.json: written
 * atomically with owner-only permissions (0600 on POSIX), read again at every connect so a changed token applies on
 * the next connection without a restart. Nothing here logs or returns the token in a message.
 */
public final class GatewayTokenStore {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path file;

    /** @param file usually {@code <config>/gateway-token} */
    public GatewayTokenStore(Path file) {
        this.file = Objects.requireNonNull(file);
    }

    /** The token file. */
    public Path file() {
        return file;
    }

    /** The stored token, stripped, or null when there is none (no file, or an empty one). */
    public String read() throws IOException {
        try {
            String t = Files.readString(file, StandardCharsets.UTF_8).strip();
            return t.isEmpty() ? null : t;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The token for a connect attempt: {@link #read()}, with an unreadable file counted as no token (the server then
     * refuses the connection and says why, which is what the user needs to see).
     */
    public String readOrNull() {
        try {
            return read();
        } catch (IOException e) {
            return null;
        }
    }

    /** True when a token is stored. */
    public boolean isSet() {
        return readOrNull() != null;
    }

    /** Stores {@code token} (owner-only); a blank one removes the file. */
    public void write(String token) throws IOException {
        if (token == null || token.isBlank()) {
            clear();
            return;
        }
        if (token.strip().chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            // A header value cannot carry it; refuse here rather than fail obscurely at every connect.
            throw new IllegalArgumentException("the token must not contain spaces or control characters");
        }
        AtomicFiles.write(file, OWNER_ONLY, out -> out.write(token.strip().getBytes(StandardCharsets.UTF_8)));
    }

    /** Removes the stored token. */
    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
