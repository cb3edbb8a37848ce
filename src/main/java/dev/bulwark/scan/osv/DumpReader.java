package dev.bulwark.scan.osv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the raw JSON entries of an OSV dump: an OSV.dev {@code all.zip}, a single {@code .json} record, or a
 * folder of {@code .json} records. Nothing is extracted to disk; still, a zip whose entries would escape
 * the folder, that looks like a compression bomb, or that holds non-JSON entries is refused whole.
 */
public final class DumpReader {
    /** Receives each entry's name and bytes; may block, and then stops when interrupted. */
    @FunctionalInterface
    public interface EntryHandler {
        void accept(String name, byte[] json) throws InterruptedException;
    }

    private final DumpLimits limits;

    public DumpReader(DumpLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads every entry of {@code source} into {@code handler}; refuses hostile input before handing on anything.
     *
     * @throws InterruptedException when the calling thread is interrupted; checked between entries, so a
     *                              cancelled read stops after at most one more entry
     */
    public void read(Path source, EntryHandler handler) throws IOException, DumpRefusedException,
            InterruptedException {
        if (Files.isDirectory(source)) {
            readFolder(source, handler);
        } else if (source.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            byte[] bytes = readBounded(Files.newInputStream(source), source.getFileName().toString());
            requireJsonText(source.getFileName().toString(), bytes);
            handler.accept(source.getFileName().toString(), bytes);
        } else {
            readZip(source, handler);
        }
    }

    private void readFolder(Path dir, EntryHandler handler) throws IOException, DumpRefusedException,
            InterruptedException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        for (Path p : files) {
            checkInterrupted();
            read(p, handler);
        }
    }

    private void readZip(Path zip, EntryHandler handler) throws IOException, DumpRefusedException,
            InterruptedException {
        ZipFile zf;
        try {
            zf = new ZipFile(zip.toFile());
        } catch (ZipException e) {
            throw new DumpRefusedException("not a zip archive (" + e.getMessage() + ")");
        }
        try (zf) {
            // First pass over the central directory only: refuse before reading any content.
            List<ZipEntry> entries = new ArrayList<>();
            Enumeration<? extends ZipEntry> en = zf.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                checkName(e.getName());
                if (e.isDirectory()) {
                    continue;
                }
                if (!e.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                    throw new DumpRefusedException("entry \"" + e.getName() + "\" is not a .json record");
                }
                if (e.getSize() > limits.maxEntryBytes()) {
                    throw new DumpRefusedException("entry \"" + e.getName() + "\" declares " + e.getSize()
                            + " bytes, over the limit of " + limits.maxEntryBytes());
                }
                entries.add(e);
                if (entries.size() > limits.maxEntries()) {
                    throw new DumpRefusedException("more than " + limits.maxEntries() + " entries");
                }
            }
            long total = 0;
            for (ZipEntry e : entries) {
                checkInterrupted();
                byte[] bytes = readBounded(zf.getInputStream(e), e.getName());
                total += bytes.length;
                if (total > limits.maxTotalBytes()) {
                    throw new DumpRefusedException("uncompressed size exceeds " + limits.maxTotalBytes() + " bytes");
                }
                long compressed = Math.max(1, e.getCompressedSize());
                if (bytes.length > DumpLimits.RATIO_FLOOR && bytes.length / compressed > limits.maxRatio()) {
                    throw new DumpRefusedException("entry \"" + e.getName() + "\" has an absurd compression ratio ("
                            + bytes.length / compressed + ":1)");
                }
                requireJsonText(e.getName(), bytes);
                handler.accept(e.getName(), bytes);
            }
        }
    }

    private byte[] readBounded(InputStream in, String name) throws IOException, DumpRefusedException {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxEntryBytes() + 1));
            if (bytes.length > limits.maxEntryBytes()) {
                throw new DumpRefusedException("entry \"" + name + "\" is larger than " + limits.maxEntryBytes()
                        + " bytes");
            }
            return bytes;
        } catch (ZipException e) {
            throw new DumpRefusedException("entry \"" + name + "\" is corrupt: " + e.getMessage());
        }
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("reading the OSV dump was cancelled");
        }
    }

    private static void checkName(String name) throws DumpRefusedException {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
            throw new DumpRefusedException("entry \"" + name + "\" has an absolute path");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new DumpRefusedException("entry \"" + name + "\" escapes the dump folder");
            }
        }
    }

    /** Binary garbage is hostile; a truncated or odd JSON record is merely malformed (handled later). */
    private static void requireJsonText(String name, byte[] bytes) throws DumpRefusedException {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i >= bytes.length || bytes[i] != '{') {
            throw new DumpRefusedException("entry \"" + name + "\" is not a JSON object");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new DumpRefusedException("entry \"" + name + "\" contains binary data");
            }
        }
    }
}
