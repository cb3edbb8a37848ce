package dev.bulwark.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a gateway, to cut connections while the server stays up, or to play a proxy
 * that strips WebSocket upgrades (answers them 502) while plain HTTP passes.
 */
final class TcpProxy implements AutoCloseable {
    enum Mode { FORWARD, REFUSE_UPGRADES, DROP }

    private final ServerSocket listener;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private volatile boolean closed;

    TcpProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Changes the mode; DROP also cuts every open connection now. */
    void mode(Mode m) {
        mode = m;
        if (m == Mode.DROP) {
            cutAll();
        }
    }

    void cutAll() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        open.clear();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().name("proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            if (mode == Mode.DROP) {
                client.close();
                return;
            }
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase();
            if (mode == Mode.REFUSE_UPGRADES && text.contains("upgrade: websocket")) {
                client.getOutputStream().write(("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                client.close();
                return;
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
            open.add(client);
            open.add(upstream);
            upstream.getOutputStream().write(head);
            Thread.ofVirtual().name("proxy-up").start(() -> pump(in, upstream, client));
            pump(upstream.getInputStream(), client, upstream);
        } catch (IOException e) {
            try {
                client.close();
            } catch (IOException x) {
                // nothing more to do
            }
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        int state = 0;
        for (int c; (c = in.read()) >= 0; ) {
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                break;
            }
        }
        return b.toByteArray();
    }

    private void pump(InputStream from, Socket to, Socket other) {
        byte[] buf = new byte[16384];
        try (OutputStream out = to.getOutputStream()) {
            for (int n; (n = from.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away: end both
        } finally {
            try {
                to.close();
                other.close();
            } catch (IOException e) {
                // already closed
            }
            open.remove(to);
            open.remove(other);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        cutAll();
    }
}
