package dev.bulwark.ratelimit.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.ManualTimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recommends from a log written by a real nginx, and checks the NGINX export with nginx itself. */
class NginxAccessLogTest {
    @TempDir
    static Path dir;
    static Path log;

    @BeforeAll
    static void serve() throws Exception {
        log = NginxLogs.produce(dir);
    }

    private static RecommendReport recommend(RecommendOptions o) throws Exception {
        return new LimitRecommender(new ManualTimeSource(0)).run(log, o, null);
    }

    private static RecommendOptions withoutAssetsAndBots() {
        return RecommendOptions.defaults().withWindows(List.of(1L, 60L)).withFilter(new LogFilter(List.of(),
                List.of("/static/"), List.of(), List.of(), null, LogFilter.agentPattern("(?i)bot", "--exclude-agent")));
    }

    @Test
    void theRealLogIsReadWholeAndKeyedByTheForwardedAddress() throws Exception {
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).anyMatch(l -> l.startsWith("192.0.2.8 - - [") && l.contains("Googlebot"))
                .anyMatch(l -> l.contains("\"GET /missing-0 HTTP/1.1\" 404 "))
                .anyMatch(l -> l.startsWith("198.51.100.9 - alice ["));
        RecommendReport r = recommend(RecommendOptions.defaults());
        assertThat(r.scan().bad()).isZero();
        assertThat(r.scan().used()).isEqualTo(lines.size());
        assertThat(r.profile().keyCount()).isEqualTo(41);  // 40 forwarded clients and the logged-in one
        assertThat(r.allTight()).isTrue();
    }

    @Test
    void filtersDropStaticAssetsAndTheBotAndEveryStrategyIsTight() throws Exception {
        RecommendReport r = recommend(withoutAssetsAndBots());
        assertThat(r.profile().keys()).hasSize(40).doesNotContain("192.0.2.8");
        assertThat(r.scan().filtered()).isPositive();
        // 99 % of 40 keys: none may be throttled, so every limit is the busiest key's need
        assertThat(r.keysAllowed()).isZero();
        assertThat(r.recommendations()).hasSize(2 * 3 + 2);
        for (Recommendation rec : r.recommendations()) {
            assertThat(rec.verification().keysThrottled()).as(LimitExports.describe(rec)).isZero();
            assertThat(rec.oneLess()).as(LimitExports.describe(rec)).isNotNull();
            assertThat(rec.oneLess().keysThrottled()).as(LimitExports.describe(rec)).isPositive();
        }
        // the busiest API client (every fifth sends 12 + c calls) is the one throttled at one unit less
        assertThat(r.recommendations().getFirst().oneLess().throttled().getFirst().key()).isEqualTo("192.0.2.36");
        assertThat(ReportWriter.table(r)).contains("192.0.2.36").contains("sliding-log");
    }

    @Test
    void keysByUserAndStatusFilters() throws Exception {
        RecommendReport r = recommend(RecommendOptions.defaults().withKeyBy(KeyBy.USER).withFilter(new LogFilter(
                List.of("/private/"), List.of(), List.of(LogFilter.StatusRange.parse("2xx")), List.of(), null, null)));
        assertThat(r.profile().keys()).containsExactlyInAnyOrderElementsOf(NginxLogs.USERS);
        // carol sent 11 requests, bob 7, alice 3
        assertThat(r.topKeys().getFirst().key()).isEqualTo("carol");
        RecommendReport notFound = recommend(RecommendOptions.defaults().withFilter(new LogFilter(List.of(), List.of(),
                LogFilter.statuses(List.of("404")), List.of(), null, null)));
        assertThat(notFound.scan().used()).isEqualTo(7);  // clients 0, 6, 12, ..., 36
    }

    @Test
    void theNginxExportIsAcceptedByNginx() throws Exception {
        RecommendReport r = recommend(withoutAssetsAndBots());
        for (Recommendation rec : List.of(r.recommendations().getFirst(), r.recommendations().getLast())) {
            String export = LimitExports.render(ExportFormat.NGINX, r, rec);
            String http = export.lines().filter(l -> l.startsWith("limit_req_zone") || l.startsWith("map")
                    || l.startsWith("    ~") || l.equals("}")).reduce("", (a, b) -> a + b + "\n");
            String server = export.lines().filter(l -> l.startsWith("limit_req ") || l.startsWith("limit_req_status"))
                    .reduce("", (a, b) -> a + b + "\n");
            Path conf = dir.resolve("check-" + rec.strategy().id() + ".conf");
            Files.writeString(conf, """
                    pid %1$s/check.pid;
                    events { worker_connections 16; }
                    http {
                        client_body_temp_path %1$s/tmp/body;
                        proxy_temp_path %1$s/tmp/proxy;
                        fastcgi_temp_path %1$s/tmp/fastcgi;
                        uwsgi_temp_path %1$s/tmp/uwsgi;
                        scgi_temp_path %1$s/tmp/scgi;
                        access_log off;
                    %2$s
                        server { listen 127.0.0.1:9; location / { %3$s } }
                    }
                    """.formatted(dir, http, server));
            Process p = new ProcessBuilder(NginxLogs.nginx().toString(), "-t", "-p", dir.toString(), "-c", conf.toString(),
                    "-e", dir.resolve("check-error.log").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out + "\n" + Files.readString(conf)).isZero();
            assertThat(out).contains("syntax is ok");
        }
    }
}
