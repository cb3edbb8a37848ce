package dev.bulwark.docker;

import dev.bulwark.testsupport.TestContainers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.Cli;
import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.testsupport.Requirements;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code containers} commands end to end against the real engines. */
class ContainersCliTest {
    private static final Set<String> FIELDS = new TreeSet<>(List.of("engine", "id", "name", "image", "state", "health",
            "cpu_percent", "mem_usage_bytes", "mem_limit_bytes", "mem_percent", "net_rx_bytes", "net_tx_bytes",
            "block_read_bytes", "block_write_bytes", "pids", "restart_count", "uptime_seconds", "compose_project"));
    private static String host1;
    private static String host2;
    private static TestContainers one;
    private static TestContainers two;

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void start() {
        host1 = DockerEngineSupport.dockerHost();
        host2 = System.getenv("BULWARK_TEST_DOCKER_HOST2");
        if (host2 == null || host2.isBlank()) {
            Requirements.missing("BULWARK_TEST_DOCKER_HOST2 is not set");
        }
        one = new TestContainers(host1);
        two = new TestContainers(host2);
        one.run("web", List.of("--label", "com.docker.compose.project=" + one.prefix + "shop"), "sleep", "3600");
        one.run("stopped", List.of(), "true");
        two.sh("talker", List.of(), "echo hello out; echo hello err >&2; printf '\\033[32mgreen\\033[0m\\n'; sleep 3600");
    }

    @AfterAll
    static void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    void jsonSnapshotHasTheDocumentedShape() throws Exception {
        Result r = run("containers", "--engine", host1, "--engine", host2, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode array = new ObjectMapper().readTree(r.out());
        assertThat(array.isArray()).isTrue();
        JsonNode web = find(array, one.prefix + "web");
        Set<String> names = new TreeSet<>();
        web.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(FIELDS);
        assertThat(web.path("engine").asText()).isEqualTo(host1);
        assertThat(web.path("state").asText()).isEqualTo("running");
        assertThat(web.path("health").asText()).isEqualTo("none");
        assertThat(web.path("pids").asLong()).isEqualTo(1);
        assertThat(web.path("mem_limit_bytes").asLong()).isPositive();
        assertThat(web.path("compose_project").asText()).isEqualTo(one.prefix + "shop");
        assertThat(find(array, two.prefix + "talker").path("engine").asText()).isEqualTo(host2);
        assertThat(array.findValuesAsText("name")).doesNotContain(one.prefix + "stopped");

        JsonNode withAll = new ObjectMapper().readTree(run("containers", "--engine", host1, "--all", "--json").out());
        JsonNode stopped = find(withAll, one.prefix + "stopped");
        assertThat(stopped.path("state").asText()).isEqualTo("exited");
        assertThat(stopped.path("cpu_percent").asDouble()).isZero();
        assertThat(stopped.path("compose_project").isNull()).isTrue();
    }

    @Test
    void tableAndClusterTotals() throws Exception {
        Result table = run("containers", "--engine", host1);
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("CPU %", "MEM USAGE / LIMIT", one.prefix + "web");

        Result cluster = run("containers", "cluster", "--engine", host1, "--engine", host2, "--json");
        assertThat(cluster.exit()).as(cluster.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(cluster.out());
        assertThat(n.path("engines")).hasSize(2);
        JsonNode all = n.path("totals").path("all");
        assertThat(all.path("total").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(all.path("running").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(all.path("stopped").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(n.path("totals").path("byEngine").has(host1)).isTrue();
        assertThat(n.path("totals").path("byProject").path(one.prefix + "shop").path("running").asInt()).isEqualTo(1);
    }

    @Test
    void logsGoToTheirOwnStreamsWithoutEscapes() {
        Result r = run("containers", "logs", "--engine", host1, "--engine", host2, two.prefix + "talker", "--tail", "10");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("hello out", "green").doesNotContain("hello err").doesNotContain("\u001b");
        assertThat(r.err()).contains("hello err");
        Result grep = run("containers", "logs", "--engine", host2, two.prefix + "talker", "--grep", "GREEN", "-t");
        assertThat(grep.out().strip()).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z green");
        Result missing = run("containers", "logs", "--engine", host1, one.prefix + "nope");
        assertThat(missing.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(missing.err()).contains("no container", one.prefix + "nope");
    }

    @Test
    void watchPrintsRefreshes() {
        Result r = run("containers", "watch", "--engine", host1, "--interval", "1", "--count", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("engine " + host1 + ": connected", one.prefix + "web");
        assertThat(r.out().split("containers: ", -1)).hasSize(4);
    }

    @Test
    void unreachableOrRefusedEnginesAreReported() {
        Result refused = run("containers", "--engine", "tcp://10.255.0.1:2375");
        assertThat(refused.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(refused.err()).contains("refused", "10.255.0.1");

        Result partial = run("containers", "--engine", host1, "--engine", "unix:///tmp/bulwark-no-such.sock", "--json");
        assertThat(partial.exit()).isZero();
        assertThat(partial.err()).contains("unix:///tmp/bulwark-no-such.sock", "unreachable");
        Result none = run("containers", "--engine", "unix:///tmp/bulwark-no-such.sock");
        assertThat(none.exit()).isEqualTo(Cli.EXIT_USAGE);
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no container " + name + " in " + array);
    }
}
