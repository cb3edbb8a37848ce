package dev.bulwark.scan.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A TOML lockfile with {@code [[package]]} tables (poetry.lock, uv.lock, Cargo.lock). The TOML reader
 * keeps no locations, so the line of the n-th package is the line of the n-th {@code [[package]]} header.
 *
 * @param root         the whole document
 * @param packages     the {@code package} array elements, in order
 * @param packageLines the 1-based header line of each element (0 if the headers could not be matched)
 */
record TomlLock(JsonNode root, List<JsonNode> packages, List<Integer> packageLines) {
    private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\[\\s*package\\s*]]\\s*(#.*)?$");

    static TomlLock read(Parsing parsing, ManifestInput input, String what) throws IOException, ManifestFormatException {
        String text = input.text();
        JsonNode root;
        try {
            root = parsing.toml().readTree(text);
        } catch (JsonProcessingException e) {
            throw Parsing.malformed(what + " (TOML)", e);
        }
        if (root == null || !root.isObject()) {
            throw new ManifestFormatException("empty file, not a " + what, 0);
        }
        List<JsonNode> packages = new ArrayList<>();
        JsonNode arr = root.get("package");
        if (arr != null && arr.size() > parsing.limits().maxEntries()) {
            throw new TooManyEntriesException(parsing.limits().maxEntries());
        }
        if (arr != null && arr.isArray()) {
            arr.forEach(packages::add);
        } else if (arr != null) {
            throw new ManifestFormatException("'package' is not an array of tables; not a " + what, 0);
        }
        List<Integer> lines = new ArrayList<>();
        ManifestInput.Lines all = input.lines();
        for (int i = 0; i < all.size(); i++) {
            if (HEADER.matcher(all.get(i)).matches()) {
                lines.add(i + 1);
            }
        }
        if (lines.size() != packages.size()) {
            lines = new ArrayList<>(java.util.Collections.nCopies(packages.size(), 0));
        }
        return new TomlLock(root, List.copyOf(packages), List.copyOf(lines));
    }

    /** Text of {@code field} of a table, or null. */
    static String text(JsonNode node, String field) {
        return JsonStream.text(node, field);
    }
}
