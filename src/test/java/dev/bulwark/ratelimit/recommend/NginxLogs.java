package dev.bulwark.ratelimit.recommend;

import dev.bulwark.testsupport.Requirements;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real access log: runs the system's nginx on 127.0.0.1 with a private configuration writing the combined
 * format, sends it traffic from many "clients" (told apart by X-Forwarded-For through the realip module,
 * and by basic-auth users), and returns the log nginx wrote. Skips (fails in CI) when nginx is not installed.
 */
final class NginxLogs {
    static final List<String> USERS = List.of("alice", "bob", "carol");

    private NginxLogs() {
    }

    /** The nginx binary, or null. */
    static Path nginx() {
        for (String p : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    /** Runs nginx in {@code dir}, sends the traffic, stops it and returns the access log. */
    static Path produce(Path dir) throws Exception {
        Path nginx = nginx();
        if (nginx == null) {
            Requirements.missing("nginx is not installed (apt-get install nginx-light): no real access log to recommend from");
        }
        Path html = Files.createDirectories(dir.resolve("html"));
        Files.createDirectories(html.resolve("static"));
        Files.createDirectories(html.resolve("private"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(html.resolve("index.html"), "<h1>hello</h1>\n");
        Files.writeString(html.resolve("static/app.js"), "console.log(1)\n");
        Files.writeString(html.resolve("static/style.css"), "body{}\n");
        Files.writeString(html.resolve("private/data.txt"), "secret\n");
        Files.writeString(dir.resolve("htpasswd"), String.join("\n",
                USERS.stream().map(u -> u + ":{PLAIN}pw-" + u).toList()) + "\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("access.log");
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port));
        Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        try {
            awaitPort(port, p, dir);
            traffic(port);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        return log;
    }

    static String config(Path dir, int port) {
        String d = dir.toString();
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log combined;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %1$s/html;
                        set_real_ip_from 127.0.0.1;
                        real_ip_header X-Forwarded-For;
                        location /api/ { default_type text/plain; return 200 "ok\\n"; }
                        location /private/ { auth_basic "bulwark"; auth_basic_user_file %1$s/htpasswd; }
                    }
                }
                """.formatted(d, port);
    }

    private static void awaitPort(int port, Process p, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.out"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on 127.0.0.1:" + port + " within 15 s");
    }

    /**
     * 40 clients: most browse a little (pages, static assets, API calls), every fifth one is bursty on the API,
     * one is a crawler with a bot agent, some hit missing pages (404), three log in with basic auth.
     */
    private static void traffic(int port) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            String base = "http://127.0.0.1:" + port;
            List<HttpRequest> reqs = new ArrayList<>();
            for (int c = 0; c < 40; c++) {
                String ip = "192.0.2." + (c + 1);
                String agent = c == 7 ? "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
                        : "Mozilla/5.0 (X11; Linux x86_64) client-" + c;
                int pages = c == 7 ? 60 : 1 + c % 4;
                for (int i = 0; i < pages; i++) {
                    reqs.add(get(base + "/", ip, agent));
                    reqs.add(get(base + "/static/app.js", ip, agent));
                    reqs.add(get(base + "/static/style.css", ip, agent));
                }
                int api = c % 5 == 0 ? 12 + c : 2 + c % 3;
                for (int i = 0; i < api; i++) {
                    reqs.add(get(base + "/api/items?page=" + i, ip, agent));
                }
                if (c % 6 == 0) {
                    reqs.add(get(base + "/missing-" + c, ip, agent));
                }
            }
            for (int u = 0; u < USERS.size(); u++) {
                String auth = Base64.getEncoder().encodeToString((USERS.get(u) + ":pw-" + USERS.get(u))
                        .getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 3 + 4 * u; i++) {
                    reqs.add(HttpRequest.newBuilder(URI.create(base + "/private/data.txt"))
                            .header("X-Forwarded-For", "198.51.100.9").header("Authorization", "Basic " + auth).build());
                }
            }
            for (HttpRequest r : reqs) {
                HttpResponse<Void> resp = http.send(r, HttpResponse.BodyHandlers.discarding());
                if (resp.statusCode() != 200 && resp.statusCode() != 404) {
                    throw new IllegalStateException(r.uri() + " answered " + resp.statusCode());
                }
            }
        }
    }

    private static HttpRequest get(String uri, String ip, String agent) {
        return HttpRequest.newBuilder(URI.create(uri)).header("X-Forwarded-For", ip).header("User-Agent", agent).build();
    }
}
