package dev.bulwark.scan.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Tells a symbolic link that loops from one that fails to resolve for another reason, on any platform. */
final class SymbolicLinks {
    /** Hops followed before a chain counts as a loop (Linux gives up after 40). */
    static final int MAX_HOPS = 40;

    private SymbolicLinks() {
    }

    /** True when following {@code link} hop by hop comes back to a link already passed, or never ends. */
    static boolean loops(Path link) {
        Set<Path> seen = new HashSet<>();
        Path p = link.toAbsolutePath().normalize();
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (!Files.isSymbolicLink(p)) {
                return false;
            }
            if (!seen.add(p)) {
                return true;
            }
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            } catch (IOException e) {
                return false; // unreadable: not known to loop; the caller reports the resolution error itself
            }
        }
        return true;
    }
}
