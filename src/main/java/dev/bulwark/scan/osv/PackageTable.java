package dev.bulwark.scan.osv;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * An ecosystem's {@code packages.idx}: where each package's records lie in {@code packages.dat}.
 *
 * <p>Binary layout (big-endian): the magic {@code BWX1}, the format version as one byte ({@code 1}), the entry
 * count as an int, then per entry the package name as an unsigned-short UTF-8 length and its bytes, the offset as a
 * long and the length as an int. Data written before this format is a JSON object {@code {"name":[offset,length]}}
 * (it starts with <code>{</code>), read by {@link LegacyGeneration} so databases already installed keep working
 * until the next import rewrites them; its data file then holds JSON arrays instead of {@link OsvRecordCodec} blobs.
 *
 * @param slots  package name → slot
 * @param legacy true for the JSON table of a generation written before the binary format
 */
record PackageTable(Map<String, Slot> slots, boolean legacy) {
    private static final byte[] MAGIC = {'B', 'W', 'X', '1'};
    private static final int VERSION = 1;
    private static final int MAX_NAME_BYTES = 0xFFFF;

    /** Where one package's blob lies in the data file. */
    record Slot(long offset, int length) {
    }

    /** Writes {@code slots} (in their order) as the binary table. */
    static void write(SequencedMap<String, Slot> slots, OutputStream target) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + slots.size() * 32);
        DataOutputStream out = new DataOutputStream(buf);
        out.write(MAGIC);
        out.writeByte(VERSION);
        out.writeInt(slots.size());
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length > MAX_NAME_BYTES) {
                throw new IOException("package name longer than " + MAX_NAME_BYTES + " bytes: "
                        + e.getKey().substring(0, 80) + "…");
            }
            out.writeShort(name.length);
            out.write(name);
            out.writeLong(e.getValue().offset());
            out.writeInt(e.getValue().length());
        }
        out.flush();
        buf.writeTo(target);
    }

    /**
     * Reads {@code file}, checking every slot lies within a data file of {@code dataSize} bytes.
     *
     * @throws IOException naming {@code file} when it is neither a table of a known version nor a legacy one
     */
    static PackageTable read(Path file, long dataSize) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 0 && bytes[0] == '{') {
            return LegacyGeneration.readTable(file, bytes, dataSize);
        }
        if (bytes.length < MAGIC.length + 1 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(file + " is not a Bulwark package table (bad magic); re-import the database");
        }
        int version = bytes[MAGIC.length] & 0xFF;
        if (version != VERSION) {
            throw new IOException(file + " has package table format version " + version + ", this Bulwark reads "
                    + VERSION + " (written by a newer version?); re-import the database");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length + 1, bytes.length - MAGIC.length - 1);
        try {
            int count = in.getInt();
            // Every entry takes at least 14 bytes: a corrupt count fails here, not as a huge allocation.
            if (count < 0 || (long) count * 14 > in.remaining()) {
                throw new IOException(file + " is corrupt: " + count + " entries cannot fit in " + bytes.length
                        + " bytes");
            }
            Map<String, Slot> slots = HashMap.newHashMap(count);
            for (int i = 0; i < count; i++) {
                int nameLength = Short.toUnsignedInt(in.getShort());
                if (nameLength > in.remaining()) {
                    throw new BufferUnderflowException();
                }
                String name = new String(bytes, in.position(), nameLength, StandardCharsets.UTF_8);
                in.position(in.position() + nameLength);
                slots.put(name, checked(file, name, in.getLong(), in.getInt(), dataSize));
            }
            if (in.hasRemaining()) {
                throw new IOException(file + " is corrupt: " + in.remaining() + " trailing byte(s)");
            }
            return new PackageTable(Map.copyOf(slots), false);
        } catch (BufferUnderflowException e) {
            throw new IOException(file + " is corrupt: truncated at byte " + in.position() + " of " + bytes.length, e);
        }
    }

    static Slot checked(Path file, String name, long offset, int length, long dataSize) throws IOException {
        if (offset < 0 || length < 0 || offset + length > dataSize || offset + length > Integer.MAX_VALUE) {
            throw new IOException(file + " is corrupt: the slot of \"" + name + "\" (" + offset + "+" + length
                    + ") lies outside the " + dataSize + "-byte data file");
        }
        return new Slot(offset, length);
    }
}
