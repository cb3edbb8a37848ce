package dev.bulwark.scan.image.binary;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.image.binary.ExecutableLayout.Section;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the dependency list that {@code cargo auditable} embeds in Rust binaries: a zlib-compressed JSON document
 * {@code {"packages":[{"name","version","source","kind","dependencies","root"}]}} in a section called
 * {@code .dep-v0} (ELF and PE; {@code __DATA,.dep-v0} in Mach-O).
 *
 * <p>Packages of {@code "kind": "build"} (build scripts, proc-macros and their dependencies) run at compile time and
 * are not linked into the binary, so they are left out, as trivy, syft and osv-scanner do by default. Any other kind
 * (today only {@code "runtime"}, the default when the field is absent) is reported: a future kind we do not know is
 * safer over-reported than silently dropped. Every source is kept ({@code crates.io}, {@code local} path crates,
 * git, other registries), as osv-scanner does: the name and version are what advisories are matched on. The main
 * module is the first root package; the remaining packages (including any further root) are the modules.
 */
final class CargoAuditable {
    static final String SECTION = ".dep-v0";
    /** The audit data of large real binaries is a few tens of KiB; 8 MiB inflated is generous and bounds a bomb. */
    static final int MAX_INFLATED = 8 << 20;
    static final int MAX_COMPRESSED = 8 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CargoAuditable() {
    }

    /** The inventory, or empty when the binary has no {@code .dep-v0} section. */
    static Optional<BinaryInventory> read(ByteSource src, ExecutableLayout layout) throws IOException {
        Optional<Section> sec = layout.section(null, SECTION);
        if (sec.isEmpty()) {
            return Optional.empty();
        }
        long size = sec.get().size();
        if (size > MAX_COMPRESSED) {
            throw new IOException(SECTION + " section: absurd size " + size + " bytes (limit " + MAX_COMPRESSED + ")");
        }
        byte[] compressed = src.read(sec.get().offset(), size, SECTION + " section");
        return Optional.of(parse(inflate(compressed)));
    }

    /** zlib-inflates {@code data}, refusing output beyond {@link #MAX_INFLATED} bytes. */
    static byte[] inflate(byte[] data) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_INFLATED, data.length * 4 + 64));
            byte[] buf = new byte[16 << 10];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException(SECTION + " section: zlib data is truncated");
                }
                if (out.size() + n > MAX_INFLATED) {
                    throw new IOException(SECTION + " section inflates to more than " + MAX_INFLATED
                            + " bytes: refused (corrupt or a decompression bomb)");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException(SECTION + " section: not valid zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** Parses the inflated JSON document. */
    static BinaryInventory parse(byte[] json) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IOException(SECTION + " section: invalid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode packages = root == null ? null : root.get("packages");
        if (packages == null || !packages.isArray()) {
            throw new IOException(SECTION + " section: JSON has no \"packages\" array");
        }
        BinaryModule main = null;
        List<BinaryModule> modules = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            JsonNode p = packages.get(i);
            String name = text(p, "name", i);
            String version = text(p, "version", i);
            JsonNode kind = p.get("kind");
            if (kind != null && "build".equals(kind.asText())) {
                continue;
            }
            BinaryModule m = new BinaryModule(name, version);
            if (main == null && p.path("root").asBoolean(false)) {
                main = m;
            } else {
                modules.add(m);
            }
        }
        return new BinaryInventory(BinaryInventory.RUST, null, main, modules);
    }

    private static String text(JsonNode p, String field, int i) throws IOException {
        JsonNode v = p == null ? null : p.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IOException(SECTION + " section: packages[" + i + "]." + field + " is missing or not a string");
        }
        return v.asText();
    }
}
