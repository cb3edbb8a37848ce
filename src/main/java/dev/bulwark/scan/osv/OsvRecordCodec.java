package dev.bulwark.scan.osv;

import dev.bulwark.scan.model.Ecosystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact binary form of a list of {@link OsvRecord}s, as the advisory store keeps them per package in
 * {@code packages.dat} and as an import spools them. Decoding needs no JSON machinery, so a scan of the offline
 * database loads no Jackson databind class (issue 12's cold start).
 *
 * <p>Layout, all integers as unsigned LEB128 varints:
 * <pre>
 * blob     = version:byte(1) count record*
 * record   = id aliases:list summary details published modified withdrawn severity:(count (type score)*)
 *            databaseSeverity affected:(count affected*) references:list
 * affected = ecosystem:key name ranges:(count (type events:(count (kind:name version)*))*) versions:list
 *            informational release
 * list     = count string*
 * string   = (byteLength + 1) utf8Bytes ; 0 encodes null
 * </pre>
 * Every string is nullable on the wire, so whatever a record holds comes back as it was. Enums are written by a
 * stable name ({@link Ecosystem#key()}, {@link OsvEvent.Kind#name()}), never by ordinal, so reordering a constant
 * cannot change what stored data means.
 *
 * <p>Decoding checks every length and count against the bytes left before allocating, so a corrupt or hostile
 * blob fails with an {@link IOException} saying what is wrong and where, never with a runtime exception or a huge
 * allocation. Thread-safe: it holds no state.
 */
public final class OsvRecordCodec {
    /** The format this class writes and reads; the first byte of every blob. */
    public static final int FORMAT_VERSION = 1;
    private static final Map<String, Ecosystem> ECOSYSTEMS = new HashMap<>();
    private static final Map<String, OsvEvent.Kind> KINDS = new HashMap<>();

    static {
        for (Ecosystem e : Ecosystem.values()) {
            ECOSYSTEMS.put(e.key(), e);
        }
        for (OsvEvent.Kind k : OsvEvent.Kind.values()) {
            KINDS.put(k.name(), k);
        }
    }

    private OsvRecordCodec() {
    }

    /** The blob of {@code records}, in their order. */
    public static byte[] encode(List<OsvRecord> records) {
        Writer w = new Writer();
        w.out.write(FORMAT_VERSION);
        w.count(records.size());
        for (OsvRecord r : records) {
            w.string(r.id());
            w.strings(r.aliases());
            w.string(r.summary());
            w.string(r.details());
            w.string(r.published());
            w.string(r.modified());
            w.string(r.withdrawn());
            w.count(r.severity().size());
            for (OsvSeverity s : r.severity()) {
                w.string(s.type());
                w.string(s.score());
            }
            w.string(r.databaseSeverity());
            w.count(r.affected().size());
            for (OsvAffected a : r.affected()) {
                w.string(a.ecosystem() == null ? null : a.ecosystem().key());
                w.string(a.name());
                w.count(a.ranges().size());
                for (OsvRange range : a.ranges()) {
                    w.string(range.type());
                    w.count(range.events().size());
                    for (OsvEvent e : range.events()) {
                        w.string(e.kind().name());
                        w.string(e.version());
                    }
                }
                w.strings(a.versions());
                w.string(a.informational());
                w.string(a.release());
            }
            w.strings(r.references());
        }
        return w.out.toByteArray();
    }

    /** Decodes a whole blob; see {@link #decode(ByteBuffer)}. */
    public static List<OsvRecord> decode(byte[] blob) throws IOException {
        return decode(ByteBuffer.wrap(blob));
    }

    /**
     * Decodes the blob between {@code blob}'s position and limit (e.g. a slice of a mapped file), without moving
     * its position.
     *
     * @throws IOException when the bytes are not a whole blob of a known format version, saying what is wrong and
     *                     at which byte
     */
    public static List<OsvRecord> decode(ByteBuffer blob) throws IOException {
        Reader r = new Reader(blob);
        try {
            int version = r.u8();
            if (version != FORMAT_VERSION) {
                throw new IOException("unknown record format version " + version + " (this Bulwark reads version "
                        + FORMAT_VERSION + "; a newer one may have written it)");
            }
            int count = r.count(1);
            List<OsvRecord> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                records.add(r.record());
            }
            if (r.pos != r.end) {
                throw r.corrupt((r.end - r.pos) + " trailing byte(s) after " + count + " record(s)");
            }
            return records;
        } catch (RuntimeException e) {
            // A value a record's constructor refuses (e.g. a null event version): corrupt data, said as such.
            throw r.corrupt("invalid record: " + e);
        }
    }

    /** Appends varints and strings to a growing array (also {@link ManifestCodec}'s binary copy). */
    static final class Writer {
        final Bytes out = new Bytes();

        void count(int n) {
            varint(n);
        }

        void varint(int v) {
            while ((v & ~0x7F) != 0) {
                out.write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write(v);
        }

        void string(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length + 1);
            out.write(utf8, 0, utf8.length);
        }

        void strings(List<String> list) {
            count(list.size());
            list.forEach(this::string);
        }

        void u8(int b) {
            out.write(b);
        }

        void fixed64(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift) & 0xFF);
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A {@code ByteArrayOutputStream} without its synchronisation. */
    private static final class Bytes {
        byte[] buf = new byte[512];
        int size;

        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** Reads one blob with absolute gets, so the shared buffer's position is never touched. */
    static final class Reader {
        private final ByteBuffer buf;
        private final int start;
        private final int end;
        private int pos;
        private byte[] scratch = new byte[256];

        Reader(ByteBuffer buf) {
            this.buf = buf;
            this.start = buf.position();
            this.end = buf.limit();
            this.pos = start;
        }

        OsvRecord record() throws IOException {
            String id = required("id");
            List<String> aliases = strings("aliases");
            String summary = string();
            String details = string();
            String published = string();
            String modified = string();
            String withdrawn = string();
            int severities = count(2);
            List<OsvSeverity> severity = new ArrayList<>(severities);
            for (int i = 0; i < severities; i++) {
                severity.add(new OsvSeverity(string(), string()));
            }
            String databaseSeverity = string();
            int affectedCount = count(6);
            List<OsvAffected> affected = new ArrayList<>(affectedCount);
            for (int i = 0; i < affectedCount; i++) {
                affected.add(affected());
            }
            return new OsvRecord(id, aliases, summary, details, published, modified, withdrawn, severity,
                    databaseSeverity, affected, strings("references"));
        }

        private OsvAffected affected() throws IOException {
            String key = string();
            Ecosystem ecosystem = key == null ? null : ECOSYSTEMS.get(key);
            if (key != null && ecosystem == null) {
                throw corrupt("unknown ecosystem \"" + key + "\"");
            }
            String name = string();
            int rangeCount = count(2);
            List<OsvRange> ranges = new ArrayList<>(rangeCount);
            for (int i = 0; i < rangeCount; i++) {
                String type = string();
                int eventCount = count(2);
                List<OsvEvent> events = new ArrayList<>(eventCount);
                for (int j = 0; j < eventCount; j++) {
                    String kindName = required("event kind");
                    OsvEvent.Kind kind = KINDS.get(kindName);
                    if (kind == null) {
                        throw corrupt("unknown event kind \"" + kindName + "\"");
                    }
                    events.add(new OsvEvent(kind, required("event version")));
                }
                ranges.add(new OsvRange(type, events));
            }
            List<String> versions = strings("versions");
            return new OsvAffected(ecosystem, name, ranges, versions, string(), string());
        }

        int u8() throws IOException {
            if (pos >= end) {
                throw corrupt("truncated");
            }
            return buf.get(pos++) & 0xFF;
        }

        int varint() throws IOException {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                int b = u8();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (value < 0 || (shift == 28 && b > 0x07)) {
                        break;
                    }
                    return value;
                }
            }
            throw corrupt("length or count out of range");
        }

        /** A count of items each taking at least {@code minBytes}, so it cannot exceed what is left. */
        int count(int minBytes) throws IOException {
            int at = pos;
            int n = varint();
            int left = end - pos;
            if ((long) n * minBytes > left) {
                pos = at;
                throw corrupt("count " + n + " exceeds the " + left + " bytes left");
            }
            return n;
        }

        String string() throws IOException {
            int at = pos;
            int n = varint();
            if (n == 0) {
                return null;
            }
            int len = n - 1;
            int left = end - pos;
            if (len > left) {
                pos = at;
                throw corrupt("string of " + len + " bytes exceeds the " + left + " bytes left");
            }
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, scratch.length * 2)];
            }
            buf.get(pos, scratch, 0, len);
            pos += len;
            return new String(scratch, 0, len, StandardCharsets.UTF_8);
        }

        String required(String what) throws IOException {
            int at = pos;
            String s = string();
            if (s == null) {
                pos = at;
                throw corrupt("missing " + what);
            }
            return s;
        }

        long fixed64() throws IOException {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | u8();
            }
            return v;
        }

        /** Fails unless every byte was read. */
        void end(String what) throws IOException {
            if (pos != end) {
                throw corrupt((end - pos) + " trailing byte(s) after " + what);
            }
        }

        List<String> strings(String what) throws IOException {
            int n = count(1);
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(required(what + " entry"));
            }
            return out;
        }

        IOException corrupt(String what) {
            return new IOException("corrupt record data: " + what + " at byte " + (pos - start) + " of "
                    + (end - start));
        }
    }
}
