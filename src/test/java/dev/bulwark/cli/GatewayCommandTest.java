package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.testsupport.RedisServerSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark gateway publish|serve|listen}: exit codes, one-line errors, and no secret in any output. */
class GatewayCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    @TempDir
    Path tmp;

    private int run(String... args) {
        return Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void publishReachesASubscriberAndNeedsTheTokenTheServerHas() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "t0ps3cret\n");
        try (GatewayServer server = new GatewayServer(GatewayServerConfig.defaults(0).withToken("t0ps3cret"), Clock.systemUTC(),
                TimeSource.system())) {
            server.start();
            var c = dev.bulwark.gateway.RawWsAccess.open(server.port(), Map.of("Authorization", "Bearer t0ps3cret"));
            c.subscribe(Channels.THREATS);
            String url = "http://127.0.0.1:" + server.port();
            assertThat(run("gateway", "publish", url, "--channel", Channels.THREATS, "--type", "threat_alert",
                    "--data", "{\"severity\":\"high\"}")).isEqualTo(2);
            assertThat(err.toString()).contains("HTTP 401").doesNotContain("t0ps3cret");
            assertThat(err.toString().strip().lines().count()).isEqualTo(1);
            assertThat(run("gateway", "publish", url, "--channel", Channels.THREATS, "--type", "threat_alert",
                    "--data", "{\"severity\":\"high\"}", "--token-file", token.toString())).isZero();
            assertThat(out.toString()).contains("published on maximus:threats").doesNotContain("t0ps3cret");
            assertThat(c.nextData()).contains("\"type\":\"threat_alert\"").contains("{\"severity\":\"high\"}");
        }
    }

    @Test
    void publishThroughRedisReachesAnInstanceOnThatRedis() throws Exception {
        String redis = RedisServerSupport.uri();
        try (GatewayServer server = new GatewayServer(GatewayServerConfig.defaults(0).withRedis(redis), Clock.systemUTC(),
                TimeSource.system())) {
            server.start();
            var c = dev.bulwark.gateway.RawWsAccess.open(server.port(), Map.of());
            c.subscribe(Channels.CONTAINERS);
            assertThat(run("gateway", "publish", "--redis", redis, "--channel", Channels.CONTAINERS, "--type",
                    "container_status", "--data", "{\"container\":\"web\",\"health\":\"unhealthy\"}")).isZero();
            assertThat(c.nextData()).contains("{\"container\":\"web\",\"health\":\"unhealthy\"}");
        }
    }

    @Test
    void badInputGetsOneLineNamingTheFieldAndExitTwo() throws Exception {
        assertThat(run("gateway", "publish", "http://127.0.0.1:1", "--channel", "maximus:nope", "--type", "x", "--data", "{}")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown channel 'maximus:nope'");
        err.getBuffer().setLength(0);
        assertThat(run("gateway", "publish", "http://127.0.0.1:1", "--channel", Channels.AI, "--type", "x", "--data", "[1]")).isEqualTo(2);
        assertThat(err.toString()).contains("--data must be a JSON object");
        err.getBuffer().setLength(0);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(run("gateway", "publish", "http://127.0.0.1:" + closedPort, "--channel", Channels.AI, "--type", "x",
                "--data", "{}")).isEqualTo(2);
        assertThat(err.toString()).startsWith("bulwark: publish failed: ").doesNotContain("\tat ");
        err.getBuffer().setLength(0);
        assertThat(run("gateway", "listen", "http://127.0.0.1:1", "--channel", Channels.AI)).isEqualTo(2);
        assertThat(err.toString()).contains("must start with ws:// or wss://");
        err.getBuffer().setLength(0);
        assertThat(run("gateway", "listen", "ws://127.0.0.1:1", "--channel", Channels.AI, "--heartbeat", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--heartbeat 'soon'");
        err.getBuffer().setLength(0);
        assertThat(run("gateway", "listen", "ws://127.0.0.1:1", "--channel", Channels.AI, "--token-file",
                tmp.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--token-file").contains("cannot read it");
        err.getBuffer().setLength(0);
        assertThat(run("gateway", "serve", "--port", "0", "--redis", "redis://127.0.0.1:" + closedPort)).isEqualTo(2);
        assertThat(err.toString()).startsWith("bulwark: cannot reach Redis for --redis").doesNotContain("\tat ");
    }
}
