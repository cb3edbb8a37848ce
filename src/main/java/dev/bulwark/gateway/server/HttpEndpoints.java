package dev.bulwark.gateway.server;

import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.StreamOffset;
import dev.bulwark.gateway.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's plain HTTP endpoints on the WebSocket port: {@code GET /health} (the existing gateway's, plus two
 * keys), {@code GET /events} (long-poll for clients whose WebSocket upgrades fail) and {@code POST /publish}.
 * Requests are HTTP/1.1 with {@code Content-Length} bodies; connections are kept alive unless the client says
 * {@code Connection: close}.
 */
final class HttpEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
    static final int MAX_WAIT_SECONDS = 30;

    private final GatewayServer server;

    HttpEndpoints(GatewayServer server) {
        this.server = server;
    }

    /**
     * Serves one request; returns the bytes read past it (the start of the next request on a kept-alive
     * connection), or null when the connection is to be closed.
     */
    byte[] serve(Socket s, HttpHead head, InputStream in) throws IOException {
        boolean keepAlive = !"close".equalsIgnoreCase(head.header("connection"));
        String path = head.path();
        Map<String, String> query = query(head.query());
        switch (head.method() + " " + path) {
            case "GET /health" -> respond(s, 200, health(), keepAlive);
            case "GET /events" -> respond(s, server.config().token() != null && !bearerMatches(head)
                    ? new Reply(401, "{\"error\":\"a valid bearer token is required\"}") : events(query), keepAlive);
            case "POST /publish" -> {
                Body body = readBody(head, in);
                if (body.error != null) {
                    respond(s, body.status, "{\"error\":\"" + body.error + "\"}", false);
                    return null;
                }
                respond(s, publish(s, head, body.bytes), keepAlive);
                return keepAlive ? body.rest : null;
            }
            default -> {
                respond(s, path.equals("/health") || path.equals("/events") || path.equals("/publish") ? 405 : 404,
                        "{\"error\":\"no " + head.method() + " " + jsonSafe(path) + " here\"}", keepAlive);
            }
        }
        return keepAlive ? head.rest() : null;
    }

    private String health() {
        return "{\"status\":\"healthy\",\"active_connections\":" + server.activeConnections()
                + ",\"redis_connected\":" + server.redisConnected()
                + ",\"distribution\":\"" + (server.config().redisUri() == null ? "in-process" : "redis")
                + "\",\"events\":true}";
    }

    // ---- /events

    private Reply events(Map<String, String> q) {
        List<String> channels = split(q.getOrDefault("channels", ""));
        if (channels.isEmpty()) {
            return new Reply(400, "{\"error\":\"channels is required\"}");
        }
        for (String c : channels) {
            if (!Channels.isKnown(c)) {
                return new Reply(400, "{\"error\":\"unknown channel " + jsonSafe(c) + "\"}");
            }
        }
        List<String> after = split(q.getOrDefault("after", ""));
        int wait;
        try {
            wait = Math.min(MAX_WAIT_SECONDS, Math.max(0, Integer.parseInt(q.getOrDefault("wait", "25"))));
        } catch (NumberFormatException e) {
            return new Reply(400, "{\"error\":\"wait must be a number of seconds\"}");
        }
        Map<String, StreamOffset> from = new LinkedHashMap<>();
        Map<String, String> epochs = new LinkedHashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            String a = i < after.size() ? after.get(i) : "";
            int at = a.lastIndexOf('@');
            if (a.isEmpty()) {
                // "From now": the head when the request came, so what arrives during the wait is returned.
                from.put(channels.get(i), server.hub().head(channels.get(i)));
                epochs.put(channels.get(i), server.currentEpoch(channels.get(i)));
                continue;
            }
            if (at <= 0) {
                return new Reply(400, "{\"error\":\"after entries are EPOCH@OFFSET\"}");
            }
            try {
                from.put(channels.get(i), StreamOffset.parse(a.substring(at + 1)));
            } catch (IllegalArgumentException e) {
                return new Reply(400, "{\"error\":\"" + jsonSafe(e.getMessage()) + "\"}");
            }
            epochs.put(channels.get(i), a.substring(0, at));
        }
        try {
            CompletableFuture<Void> next = server.hub().nextDelivery(channels);
            try {
                Batch b = collect(channels, from, epochs);
                if (b.messages.isEmpty() && b.gaps.isEmpty() && wait > 0) {
                    try {
                        next.get(wait, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        return new Reply(200, b.json());
                    }
                    b = collect(channels, from, epochs);
                }
                return new Reply(200, b.json());
            } finally {
                server.hub().forget(channels, next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(503, "{\"error\":\"server shutting down\"}");
        } catch (Exception e) {
            LOG.warn("gateway: /events failed: {}", e.toString());
            return new Reply(503, "{\"error\":\"history unavailable\"}");
        }
    }

    private final class Batch {
        final List<String> messages = new ArrayList<>();
        final Map<String, String> positions = new LinkedHashMap<>();
        final Map<String, String> gaps = new LinkedHashMap<>();

        String json() {
            StringBuilder b = new StringBuilder("{\"messages\":[").append(String.join(",", messages)).append("],\"positions\":{");
            int i = 0;
            for (var e : positions.entrySet()) {
                b.append(i++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            }
            b.append("},\"gaps\":{");
            i = 0;
            for (var e : gaps.entrySet()) {
                b.append(i++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
            }
            return b.append("}}").toString();
        }
    }

    private Batch collect(List<String> channels, Map<String, StreamOffset> from, Map<String, String> epochs)
            throws Exception {
        Batch b = new Batch();
        for (String c : channels) {
            String epoch = server.currentEpoch(c);
            StreamOffset pos = server.hub().head(c);
            StreamOffset after = from.get(c);
            if (after != null) {
                History.Replay r = server.history().after(c, epochs.get(c), after);
                if (r.complete()) {
                    pos = after;
                    for (Message m : r.messages()) {
                        b.messages.add(m.extendedText(server.codec()));
                        pos = m.offset();
                    }
                } else {
                    b.gaps.put(c, r.gapReason());
                }
            }
            b.positions.put(c, "{\"epoch\":\"" + epoch + "\",\"offset\":\"" + pos + "\"}");
        }
        return b;
    }

    // ---- /publish

    private Reply publish(Socket s, HttpHead head, byte[] body) {
        if (server.config().token() != null) {
            if (!bearerMatches(head)) {
                return new Reply(401, "{\"error\":\"a valid bearer token is required\"}");
            }
        } else if (!((InetSocketAddress) s.getRemoteSocketAddress()).getAddress().isLoopbackAddress()) {
            return new Reply(403, "{\"error\":\"publishing without a token is accepted from loopback only\"}");
        }
        GatewayFrame f;
        try {
            f = server.codec().decode(new String(body, StandardCharsets.UTF_8));
        } catch (FrameCodec.FrameException e) {
            return new Reply(400, "{\"error\":\"" + jsonSafe(e.getMessage()) + "\"}");
        }
        if (!Channels.isKnown(f.channel())) {
            return new Reply(400, "{\"error\":\"unknown channel " + jsonSafe(String.valueOf(f.channel())) + "\"}");
        }
        if (f.timestamp() != null && f.instant() == null) {
            return new Reply(400, "{\"error\":\"timestamp is not ISO-8601\"}");
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (f.timestamp() == null || !server.codec().hasBaseShape(text)) {
            // Completed or reordered: re-encoded once here; a frame already in the base shape is relayed as sent,
            // byte for byte, as the existing gateway relays what it receives through Redis.
            text = server.codec().encode(new GatewayFrame(f.type(), f.channel(), f.data(),
                    f.timestamp() != null ? f.timestamp() : Timestamps.format(server.now()), f.clientId()));
        }
        try {
            server.publish(f.channel(), text);
        } catch (Exception e) {
            LOG.warn("gateway: publish on {} failed: {}", f.channel(), e.toString());
            return new Reply(503, "{\"error\":\"publishing failed: Redis unavailable\"}");
        }
        return new Reply(202, "{\"status\":\"accepted\"}");
    }

    /** True when the request carries {@code Authorization: Bearer <the server's token>} (constant-time compare). */
    boolean bearerMatches(HttpHead head) {
        String auth = head.header("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = auth.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, server.config().token().getBytes(StandardCharsets.UTF_8));
    }

    // ---- plumbing

    private record Reply(int status, String body) {
    }

    private record Body(byte[] bytes, byte[] rest, int status, String error) {
    }

    private Body readBody(HttpHead head, InputStream in) throws IOException {
        if (head.header("transfer-encoding") != null) {
            return new Body(null, null, 411, "send the body with Content-Length");
        }
        long length;
        try {
            length = Long.parseLong(head.header("content-length") == null ? "-1" : head.header("content-length"));
        } catch (NumberFormatException e) {
            return new Body(null, null, 400, "bad Content-Length");
        }
        if (length < 0) {
            return new Body(null, null, 411, "Content-Length is required");
        }
        if (length > server.config().maxFrameBytes()) {
            return new Body(null, null, 413, "body over " + server.config().maxFrameBytes() + " bytes");
        }
        byte[] have = head.rest();
        byte[] body = Arrays.copyOf(have, (int) Math.max(length, have.length));
        int n = have.length;
        while (n < length) {
            int r = in.read(body, n, (int) length - n);
            if (r < 0) {
                throw new IOException("connection closed inside a request body");
            }
            n += r;
        }
        return new Body(Arrays.copyOf(body, (int) length), Arrays.copyOfRange(body, (int) length, Math.max(n, (int) length)),
                0, null);
    }

    private void respond(Socket s, Reply r, boolean keepAlive) throws IOException {
        respond(s, r.status(), r.body(), keepAlive);
    }

    void respond(Socket s, int status, String json, boolean keepAlive) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String headHttp = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
        OutputStream out = s.getOutputStream();
        out.write(headHttp.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** Best effort: the peer may be gone already. */
    void tryRespond(Socket s, int status, String json) {
        try {
            respond(s, status, json, false);
        } catch (IOException e) {
            LOG.debug("gateway: could not answer {}: {}", status, e.getMessage());
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            default -> "Service Unavailable";
        };
    }

    private static Map<String, String> query(String q) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : q.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String p : s.split(",", -1)) {
            out.add(p.strip());
        }
        return out;
    }

    private static String jsonSafe(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append('?');
            }
        }
        return b.toString();
    }
}
