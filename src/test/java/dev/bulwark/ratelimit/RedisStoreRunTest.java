package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.redis.RedisStore;
import dev.bulwark.ratelimit.redis.RedisStoreOptions;
import dev.bulwark.testsupport.CliRun;
import dev.bulwark.testsupport.RedisServerSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, hole 8: a run whose Redis store made no decision at all is not a success, and Redis URIs are
 * validated in one place with the password kept out of every message.
 */
class RedisStoreRunTest {
    @TempDir
    Path dir;

    private Path scenario() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                name: store
                duration: 2s
                clients:
                  - {name: u, count: 2, traffic: {type: constant, rate: 5}}
                limiters:
                  - {name: tb, strategy: token-bucket, capacity: 10, rate: 10, period: 1s}
                """);
        return f;
    }

    @Test
    void aRunWhoseStoreNeverAnsweredExitsNonZeroWithTheReason() throws Exception {
        Path f = scenario();
        // the same run against the real redis-server answers every decision and succeeds
        CliRun ok = CliRun.of("ratelimit", "simulate", f.toString(), "--redis", RedisServerSupport.uri());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).doesNotContain("made none");

        int port = RedisServerSupport.freePort(); // nothing listens: the store cannot answer for the whole run
        CliRun down = CliRun.of("ratelimit", "simulate", f.toString(), "--redis", "redis://bob:s3cret@127.0.0.1:" + port);
        assertThat(down.code()).as(down.err()).isEqualTo(2);
        assertThat(down.err()).contains("bulwark ratelimit simulate: the Redis store at 127.0.0.1:" + port
                + " made none of the ").contains("decisions (every one rejected by --fail-closed): ")
                .containsIgnoringCase("connection refused").doesNotContain("s3cret");
        assertThat(down.out()).as("no figures: they would only show the fail mode").isEmpty();

        CliRun open = CliRun.of("ratelimit", "simulate", f.toString(), "--redis", "redis://127.0.0.1:" + port, "--fail-open");
        assertThat(open.code()).as(open.err()).isEqualTo(2);
        assertThat(open.err()).contains("(every one allowed by --fail-open)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://bob:s3cret@127.0.0.1:notaport", "redis://bob:s3cret@127.0.0.1:70000",
            "redis://bob:s3cret@:6379", "http://bob:s3cret@127.0.0.1:6379", "redis://bob:s3cret@127.0.0.1:6379/db"})
    void malformedRedisUrisAreRefusedNamingTheUriWithoutThePassword(String uri) throws Exception {
        String shown = uri.replace("bob:s3cret@", "***@");
        CliRun r = CliRun.of("ratelimit", "simulate", scenario().toString(), "--redis", uri);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("bulwark ratelimit simulate: --redis: Redis URI '" + shown + "': ")
                .doesNotContain("s3cret");
        assertThat(r.err().lines()).hasSize(1);
        // the core refuses it too, whoever builds the store (the lab, the bench)
        assertThatThrownBy(() -> new RedisStore(uri, RedisStoreOptions.defaults(), TimeSource.system()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(shown)
                .hasMessageNotContaining("s3cret");
        // and so does the gateway's --redis
        CliRun gateway = CliRun.of("gateway", "serve", "--port", "0", "--redis", uri);
        assertThat(gateway.code()).isEqualTo(2);
        assertThat(gateway.err()).contains("Redis URI '" + shown + "'").doesNotContain("s3cret");
    }

    @Test
    void theNotaportUriOfTheIssueNamesThePort() throws Exception {
        CliRun r = CliRun.of("ratelimit", "simulate", scenario().toString(), "--redis", "redis://127.0.0.1:notaport");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("bulwark ratelimit simulate: --redis: Redis URI"
                + " 'redis://127.0.0.1:notaport': the port 'notaport' is not a number from 1 to 65535");
    }
}
