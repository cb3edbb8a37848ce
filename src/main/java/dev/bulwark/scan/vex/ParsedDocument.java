package dev.bulwark.scan.vex;

import java.util.List;

/**
 * One VEX file read: its statements, or the reason it was rejected.
 *
 * @param statements the statements (empty when rejected)
 * @param error      why the whole file was rejected (one line: JSON pointer / field and what is wrong), or null
 * @param warnings   problems that did not reject the file (e.g. a statement naming no purl)
 */
record ParsedDocument(List<VexStatement> statements, String error, List<String> warnings) {
    ParsedDocument {
        statements = List.copyOf(statements);
        warnings = List.copyOf(warnings);
    }

    static ParsedDocument rejected(String error) {
        return new ParsedDocument(List.of(), error, List.of());
    }
}
