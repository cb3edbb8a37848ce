package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bulwark.ratelimit.redis.FailMode;
import dev.bulwark.ratelimit.redis.RedisStore;
import dev.bulwark.ratelimit.redis.RedisStores;
import dev.bulwark.testsupport.ChildCli;
import dev.bulwark.testsupport.RedisServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 14, house-keeping: a password-protected {@code redis-server} (requirepass, port 7101). The password in
 * the URI reaches no output, message or log line, in the CLI (a child JVM with the production logging) or in the
 * core the lab uses; a wrong password is one clear line and exit 2, before any run.
 */
class RedisPasswordTest {
    private static final int PORT = 7101;
    private static final String PASSWORD = "Pw-s3cret-7101";
    private static final String WRONG = "Wr0ng-guess-7101";
    @RegisterExtension
    static final RedisServers REDIS = RedisServers.startedBeforeAll(
            "bulwark-redis-auth", PORT, "--requirepass", PASSWORD);

    @TempDir
    Path dir;

    private static String uri(String password) {
        return "redis://default:" + password + "@127.0.0.1:" + PORT;
    }

    private Path scenario() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                name: auth
                duration: 1s
                clients:
                  - {name: u, count: 2, traffic: {type: constant, rate: 20}}
                limiters:
                  - {name: tb, strategy: token-bucket, capacity: 5, rate: 5, period: 1s}
                """);
        return f;
    }

    private static void assertNoSecret(String what, String text) {
        assertThat(text).as(what).doesNotContain(PASSWORD).doesNotContain(WRONG);
    }

    @Test
    void theRightPasswordRunsAndIsNeverShown() throws Exception {
        ChildCli cli = ChildCli.withHome(Files.createDirectories(dir.resolve("home")));
        ChildCli.Result r = cli.run(Duration.ofSeconds(60), "ratelimit", "simulate", scenario().toString(), "--redis",
                uri(PASSWORD), "--live");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"allowed\"");
        assertNoSecret("stdout", r.out());
        assertNoSecret("stderr", r.err());
        if (Files.exists(cli.logFile())) {
            assertNoSecret("log file", Files.readString(cli.logFile()));
        }
        ChildCli.Result bench = cli.run(Duration.ofSeconds(60), "ratelimit", "bench", "--seconds", "0.1",
                "--redis", uri(PASSWORD));
        assertThat(bench.exit()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("Redis store");
        assertNoSecret("bench stdout", bench.out());
        assertNoSecret("bench stderr", bench.err());
    }

    @Test
    void aWrongPasswordIsOneLineAndExitTwoWithoutThePassword() throws Exception {
        // Netty's sun.misc.Unsafe notice on JDK 23+ is the JVM's, not ours: allow it so stderr holds our line only
        ChildCli cli = ChildCli.withHome(Files.createDirectories(dir.resolve("home")))
                .jvm("-XX:TieredStopAtLevel=1", "-Xmx512m", "--sun-misc-unsafe-memory-access=allow");
        ChildCli.Result r = cli.run(Duration.ofSeconds(60), "ratelimit", "simulate", scenario().toString(), "--redis",
                uri(WRONG));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines().getFirst()).startsWith("bulwark ratelimit simulate: --redis: Redis at 127.0.0.1:"
                + PORT + " refused the credentials: WRONGPASS");
        assertThat(r.out()).isEmpty();
        assertNoSecret("stderr", r.err());
        if (Files.exists(cli.logFile())) {
            assertNoSecret("log file", Files.readString(cli.logFile()));
        }
        ChildCli.Result noPassword = cli.run(Duration.ofSeconds(60), "ratelimit", "simulate", scenario().toString(),
                "--redis", "redis://127.0.0.1:" + PORT);
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.errLines()).as(noPassword.err()).hasSize(1);
        assertThat(noPassword.errLines().getFirst()).contains("refused the credentials: NOAUTH");
        ChildCli.Result bench = cli.run(Duration.ofSeconds(60), "ratelimit", "bench", "--seconds", "0.1",
                "--redis", uri(WRONG));
        assertThat(bench.exit()).isEqualTo(2);
        assertThat(bench.err()).contains("bulwark ratelimit bench: --redis: Redis at 127.0.0.1:" + PORT
                + " refused the credentials");
        assertNoSecret("bench stdout", bench.out());
        assertNoSecret("bench stderr", bench.err());
    }

    /** The store the lab builds: every error it reports, every log line, without the password. */
    @Test
    void theCoreStoreNeverLogsOrReportsThePassword() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Level before = root.getLevel();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);  // Lettuce's debug lines too
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (RedisStore store = RedisStores.open(uri(WRONG), null, FailMode.CLOSED, errors::add,
                TimeSource.system())) {
            var l = store.limiter(LimitConfig.tokenBucket("tb", 5, 5, Duration.ofSeconds(1)));
            Decision d = l.tryAcquire("k");
            assertThat(d.reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
            assertThat(store.lastError()).contains("WRONGPASS");
            assertNoSecret("lastError", store.lastError());
            assertThat(store.connect()).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .withMessageContaining("refused the credentials").withMessageNotContaining(WRONG);
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
        assertThat(errors).isNotEmpty();
        List<String> texts = new ArrayList<>();
        for (Throwable t = errors.getFirst(); t != null; t = t.getCause()) {
            texts.add(String.valueOf(t));
        }
        texts.forEach(t -> assertNoSecret("error", t));
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            assertNoSecret("log line", e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                assertNoSecret("log trace", e.getThrowableProxy().getMessage() + "");
            }
        }
    }
}
