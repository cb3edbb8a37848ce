package dev.bulwark.util;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place Redis URIs given by a user are checked ({@code redis://[user:password@]host[:port][/db]},
 * {@code rediss://...} for TLS, {@code redis-socket:///path}, and for a Redis Cluster
 * {@code redis-cluster://[user:password@]host:port[,host:port...]}, the seed nodes): Lettuce itself takes
 * {@code redis://127.0.0.1:notaport} as host {@code 127.0.0.1:notaport} on port 6379. Messages show the URI
 * with its password replaced by {@code ***}.
 */
public final class RedisUris {
    private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-socket");
    /** The user information of any URI ({@code scheme://user:password@}): a mistyped scheme still hides it. */
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^@\\s/]*@");

    private static final String CLUSTER_SCHEME = "redis-cluster://";

    private RedisUris() {
    }

    /**
     * Validates {@code text} as a server or cluster URI (where a Redis Cluster is supported: the rate-limit
     * store).
     *
     * @throws IllegalArgumentException naming the (redacted) URI and what is wrong with it
     */
    public static void check(String text) {
        if (isCluster(text)) {
            parseCluster(text);
        } else {
            parse(text);
        }
    }

    /** True when {@code text} names a Redis Cluster ({@code redis-cluster://...}); it is not validated here. */
    public static boolean isCluster(String text) {
        return text != null && text.trim().regionMatches(true, 0, CLUSTER_SCHEME, 0, CLUSTER_SCHEME.length());
    }

    /**
     * The seed nodes of {@code redis-cluster://[user:password@]host:port[,host:port...]}, each validated as
     * {@link #parse} does and carrying the credentials.
     *
     * @throws IllegalArgumentException naming the (redacted) URI and what is wrong with it
     */
    public static List<RedisURI> parseCluster(String text) {
        if (!isCluster(text)) {
            throw invalid(String.valueOf(text), "expected redis-cluster://host:port[,host:port...]");
        }
        String t = text.trim();
        String rest = t.substring(CLUSTER_SCHEME.length());
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? "" : rest.substring(0, at + 1);
        String nodes = rest.substring(at + 1);
        if (nodes.endsWith("/")) {
            nodes = nodes.substring(0, nodes.length() - 1);
        }
        if (nodes.isEmpty()) {
            throw invalid(t, "no node; expected redis-cluster://host:port[,host:port...]");
        }
        if (nodes.contains("/") || nodes.contains("?")) {
            throw invalid(t, "a cluster has no database number or options; expected redis-cluster://host:port[,...]");
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String node : nodes.split(",", -1)) {
            if (node.isBlank()) {
                throw invalid(t, "an empty node in the list; expected host:port[,host:port...]");
            }
            try {
                seeds.add(parse("redis://" + userInfo + node.trim()));
            } catch (IllegalArgumentException e) {
                // the message of the node's URI would repeat the user information: name the node only
                throw invalid(t, "node '" + node.trim() + "': " + e.getMessage().substring(e.getMessage()
                        .indexOf("': ") + 3));
            }
        }
        return List.copyOf(seeds);
    }

    /**
     * The Lettuce URI for {@code text}, validated.
     *
     * @throws IllegalArgumentException naming the (redacted) URI and what is wrong with it
     */
    public static RedisURI parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Redis URI is empty; expected redis://host:port");
        }
        String t = text.trim();
        URI u;
        try {
            u = new URI(t);
        } catch (URISyntaxException e) {
            throw invalid(t, "not a valid URI (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw invalid(t, "expected redis://host:port, rediss://host:port or redis-socket:///path");
        }
        if (scheme.equals("redis-socket")) {
            if (u.getPath() == null || u.getPath().isEmpty()) {
                throw invalid(t, "no socket path");
            }
        } else {
            checkAuthority(t, u.getRawAuthority());
            checkDatabase(t, u.getPath());
        }
        try {
            return RedisURI.create(t);
        } catch (IllegalArgumentException e) {
            throw invalid(t, Errors.rootMessage(e));
        }
    }

    /** {@code text} with the credentials of every URI in it replaced by {@code ***}. */
    public static String redact(String text) {
        return text == null ? null : CREDENTIALS.matcher(text).replaceAll("$1***@");
    }

    /** Where {@code uri} points, never with its credentials: {@code host:port} or the socket path. */
    public static String where(RedisURI uri) {
        return uri.getSocket() != null ? uri.getSocket() : uri.getHost() + ":" + uri.getPort();
    }

    private static void checkAuthority(String text, String authority) {
        if (authority == null || authority.isEmpty()) {
            throw invalid(text, "no host; expected redis://host:port");
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String port = null;
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid(text, "unclosed [ in the IPv6 address");
            }
            host = hostPort.substring(1, close);
            String rest = hostPort.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(text, "unexpected '" + rest + "' after the IPv6 address");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = hostPort.indexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(text, "no host; expected redis://host:port");
        }
        if (port != null && !validPort(port)) {
            throw invalid(text, "the port '" + port + "' is not a number from 1 to 65535");
        }
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }

    private static void checkDatabase(String text, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return;
        }
        String db = path.substring(1);
        if (db.isEmpty() || db.length() > 5 || !db.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, "the database '" + db + "' is not a number");
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("Redis URI '" + redact(text) + "': " + why);
    }
}
