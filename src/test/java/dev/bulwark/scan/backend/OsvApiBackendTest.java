package dev.bulwark.scan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scan.match.AffectedEvaluator;
import dev.bulwark.scan.match.VersionOrder;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import dev.bulwark.scan.osv.OsvJson;
import dev.bulwark.util.NamedThreads;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a fake OSV.dev API on 127.0.0.1 serving the committed records. */
class OsvApiBackendTest {
    private final ExecutorService threads = NamedThreads.virtualExecutor("test-http");
    private FakeOsvApi api;
    private HttpClient client;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        api = new FakeOsvApi();
        client = HttpClient.newBuilder().executor(threads).build();
    }

    @AfterEach
    void stop() {
        api.close();
        client.close();
        threads.close();
    }

    private OsvApiBackend backend() {
        return new OsvApiBackend(client, api.base(),
                tmp.resolve("cache"), OsvJson.newMapper(), new AffectedEvaluator(new VersionOrder()), Duration.ofSeconds(10));
    }

    private static PackageRef pkg(Ecosystem e, String name, String version) {
        return new PackageRef(e, name, version, Path.of("m"), 1, Relationship.DIRECT, false);
    }

    @Test
    void queriesInBatchFollowsPagesFetchesFullRecordsAndCachesThem() throws Exception {
        List<PackageRef> pkgs = List.of(pkg(Ecosystem.PYPI, "requests", "2.19.0"), pkg(Ecosystem.PYPI, "requests", "2.25.0"),
                pkg(Ecosystem.GO, "golang.org/x/net", "v0.1.0"));

        BackendResult first = backend().query(pkgs);

        assertThat(first.hits()).extracting(h -> h.pkg().version() + " " + h.advisory().id()).containsExactlyInAnyOrder(
                "2.19.0 GHSA-x84v-xcm2-53pg", "2.19.0 PYSEC-2018-28", "v0.1.0 GO-2022-1144",
                "v0.1.0 GO-2023-1495"); // v0.1.0 sits between the pseudo-version bounds
        assertThat(api.batches.get()).isEqualTo(2); // requests has two records: one page each
        assertThat(api.vulnFetches).containsExactlyInAnyOrder("GHSA-x84v-xcm2-53pg", "PYSEC-2018-28", "GO-2022-1144",
                "GO-2023-1495");
        assertThat(first.hits()).allSatisfy(h -> assertThat(h.backend()).isEqualTo("osv.dev"));

        api.vulnFetches.clear();
        BackendResult again = backend().query(pkgs);
        assertThat(again.hits()).hasSize(4);
        assertThat(api.vulnFetches).as("unchanged records come from the cache").isEmpty();
    }

    @Test
    void serverErrorsFailTheBackend() {
        api.failStatus = 503;
        assertThatThrownBy(() -> backend().query(List.of(pkg(Ecosystem.PYPI, "requests", "2.19.0"))))
                .hasMessageContaining("HTTP 503");
    }
}
