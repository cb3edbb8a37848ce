package dev.bulwark.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Short names of engines for the table's ENGINE column that still tell the engines apart: the address without
 * its scheme when it is short ({@code /run/docker.sock}, {@code 10.0.0.5:2376}), else the fewest trailing path
 * parts no other engine ends with ({@code …/engine1/docker.sock}). Never cut: two engines never look the same.
 */
final class EngineLabels {
    /** Addresses up to this long are shown whole. */
    static final int WHOLE = 24;

    private EngineLabels() {
    }

    /** A label for each of {@code engines} (their names, e.g. {@code unix:///run/docker.sock}). */
    static Map<String, String> of(Collection<String> engines) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(engines));
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            String address = address(name);
            out.put(name, address.length() <= WHOLE ? address : shortest(name, names));
        }
        return out;
    }

    /** The name without its scheme: a socket's path, or {@code host:port}. */
    static String address(String name) {
        int sep = name.indexOf("://");
        return sep < 0 ? name : name.substring(sep + 3);
    }

    private static String shortest(String name, List<String> all) {
        String[] parts = address(name).split("/");
        for (int k = 1; k < parts.length; k++) {
            String suffix = String.join("/", List.of(parts).subList(parts.length - k, parts.length));
            boolean unique = true;
            for (String other : all) {
                if (!other.equals(name) && ("/" + address(other)).endsWith("/" + suffix)) {
                    unique = false;
                    break;
                }
            }
            if (unique) {
                return "…/" + suffix;
            }
        }
        return address(name);
    }
}
