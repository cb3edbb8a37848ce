package dev.bulwark.scan.osv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only scratch file holding the parsed records of one import, so memory holds only small
 * (id, offset, length) entries however large the dumps are. Deleted on close.
 */
final class RecordSpool implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private long size;

    RecordSpool(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    /** Appends {@code record} ({@link OsvRecordCodec}); returns {offset, length}. */
    long[] append(OsvRecord record) throws IOException {
        return append(OsvRecordCodec.encode(List.of(record)));
    }

    private synchronized long[] append(byte[] bytes) throws IOException {
        long offset = size;
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf, offset + buf.position());
        }
        size += bytes.length;
        return new long[]{offset, bytes.length};
    }

    /** Reads back the record {@link #append} stored at {@code offset}. */
    OsvRecord read(long offset, int length) throws IOException {
        List<OsvRecord> records = OsvRecordCodec.decode(bytes(offset, length));
        if (records.size() != 1) {
            throw new IOException("spool " + file + " holds " + records.size() + " records at " + offset);
        }
        return records.getFirst();
    }

    private byte[] bytes(long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                throw new IOException("spool " + file + " truncated at " + (offset + buf.position()));
            }
        }
        return buf.array();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
