package dev.bulwark.docker;

import dev.bulwark.testsupport.TestContainers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.Cli;
import dev.bulwark.testsupport.CliRun;
import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.testsupport.Requirements;
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

    static CliRun run(String... args) {
        return CliRun.of(args);
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
        CliRun r = run("containers", "--engine", host1, "--engine", host2, "--json");
        assertThat(r.code()).as(r.err()).isZero();
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
        CliRun table = run("containers", "--engine", host1);
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("CPU %", "MEM USAGE / LIMIT", one.prefix + "web");

        CliRun cluster = run("containers", "cluster", "--engine", host1, "--engine", host2, "--json");
        assertThat(cluster.code()).as(cluster.err()).isZero();
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
        CliRun r = run("containers", "logs", "--engine", host1, "--engine", host2, two.prefix + "talker", "--tail", "10");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("hello out", "green").doesNotContain("hello err").doesNotContain("\u001b");
        assertThat(r.err()).contains("hello err");
        CliRun grep = run("containers", "logs", "--engine", host2, two.prefix + "talker", "--grep", "GREEN", "-t");
        assertThat(grep.out().strip()).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z green");
        CliRun missing = run("containers", "logs", "--engine", host1, one.prefix + "nope");
        assertThat(missing.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(missing.err()).contains("no container", one.prefix + "nope");
    }

    @Test
    void watchPrintsRefreshes() {
        CliRun r = run("containers", "watch", "--engine", host1, "--interval", "1", "--count", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("engine " + host1 + ": connected", one.prefix + "web");
        assertThat(r.out().split("containers: ", -1)).hasSize(4);
    }

    @Test
    void unreachableOrRefusedEnginesAreReported() {
        CliRun refused = run("containers", "--engine", "tcp://10.255.0.1:2375");
        assertThat(refused.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(refused.err()).contains("refused", "10.255.0.1");

        CliRun partial = run("containers", "--engine", host1, "--engine", "unix:///tmp/bulwark-no-such.sock", "--json");
        assertThat(partial.code()).isZero();
        assertThat(partial.err()).contains("unix:///tmp/bulwark-no-such.sock", "unreachable");
        CliRun none = run("containers", "--engine", "unix:///tmp/bulwark-no-such.sock");
        assertThat(none.code()).isEqualTo(Cli.EXIT_USAGE);
    }

    /** Issue 11, hole 10: two engines on sockets used to show as the same {@code unix:///t…}. */
    @Test
    void theEngineColumnTellsSocketEnginesApart() {
        CliRun r = run("containers", "--engine", host1, "--engine", host2);
        assertThat(r.code()).as(r.err()).isZero();
        String web = row(r.out(), one.prefix + "web");
        String talker = row(r.out(), two.prefix + "talker");
        String first = web.substring(0, web.indexOf(' '));
        String second = talker.substring(0, talker.indexOf(' '));
        assertThat(first).isNotEqualTo(second).doesNotContain("unix://");
        // each is the end of its own engine's socket path, and not of the other's
        assertThat(host1).endsWith(first.replace("…", ""));
        assertThat(host2).endsWith(second.replace("…", ""));
        assertThat(host2).doesNotEndWith(first.replace("…", ""));
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("ENGINE ");
    }

    /** Issue 11, hole 10: the first frame shows the engine's containers, not an empty "0 containers" frame. */
    @Test
    void watchsFirstFrameWaitsForTheEnginesAnswer() {
        CliRun r = run("containers", "watch", "--engine", host1, "--interval", "0.05", "--count", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("engine " + host1 + ": connected", one.prefix + "web")
                .doesNotContain("\n0 containers").doesNotStartWith("0 containers");
        assertThat(r.out().lines().filter(l -> l.matches("\\d+ containers: .*")).findFirst().orElseThrow())
                .doesNotStartWith("0 ");
    }

    /** Issue 11, hole 10: with no engine reachable, watch says so instead of printing a bare table header. */
    @Test
    void watchWithNoEngineReachableSaysSo() {
        CliRun r = run("containers", "watch", "--engine", "unix:///tmp/bulwark-no-such.sock", "--interval", "0.1",
                "--count", "2");
        assertThat(r.code()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(r.out().lines().filter(l -> l.startsWith("no engine reachable; retrying until interrupted")))
                .hasSize(2);
        assertThat(r.out()).contains("engine unix:///tmp/bulwark-no-such.sock: ")
                .doesNotContain("ENGINE ").doesNotContain("containers: ");
    }

    private static String row(String table, String name) {
        return table.lines().filter(l -> l.contains(" " + name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + table));
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
