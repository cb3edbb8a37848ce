package dev.bulwark.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.match.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VEX in the Vulnerabilities view-model, headless, against the real scanner core and the committed OSV subset. */
class VexViewModelTest {
    @TempDir
    Path home;
    private ScanUiFixture fx;
    private VulnerabilitiesViewModel vm;
    private final List<String> saved = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fx = new ScanUiFixture(home);
        fx.importSubset();
        VexViewModel vex = new VexViewModel(List.of(), "Sec team", (files, author) -> saved.add(files + " " + author));
        vm = new VulnerabilitiesViewModel(fx.services, fx.database(), s -> { }, vex);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private Path vexByAlias() throws Exception {
        return Files.writeString(home.resolve("supplier.vex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/supplier-7",
                 "author": "Supplier", "timestamp": "2024-05-01T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "PYSEC-2018-28"},
                   "products": [{"@id": "pkg:pypi/requests@2.19.1"}], "status": "not_affected",
                   "justification": "vulnerable_code_not_in_execute_path", "impact_statement": "no redirects"}]}
                """);
    }

    private void scan() {
        vm.setTargets(List.of(fx.project));
        vm.scan();
        await().atMost(Duration.ofSeconds(60)).until(() -> !vm.scanningProperty().get());
        assertThat(vm.reportProperty().get()).as(vm.scanMessageProperty().get()).isNotNull();
    }

    private Finding requests() {
        return vm.findings().stream().filter(f -> f.packageName().equals("requests")).findFirst().orElseThrow();
    }

    @Test
    void vexFilesApplyToScansArePersistedAndSuppressedFindingsCanBeHidden() throws Exception {
        Path vex = vexByAlias();
        vm.vex().add(List.of(vex, vex));
        assertThat(vm.vex().files()).containsExactly(vex.toAbsolutePath().normalize());
        assertThat(saved).last().asString().contains("supplier.vex.json").endsWith("Sec team");
        assertThat(vm.vex().summary().get()).isEqualTo("VEX: supplier.vex.json");

        scan();

        Finding f = requests();
        assertThat(f.ignore().isVex()).isTrue();
        assertThat(f.ignore().vex().justification()).isEqualTo("vulnerable_code_not_in_execute_path");
        assertThat(vm.scanMessageProperty().get()).contains("1 ignored");
        assertThat(vm.visibleFindings()).contains(f);
        vm.vex().showSuppressedProperty().set(false);
        assertThat(vm.visibleFindings()).isNotEmpty().noneMatch(Finding::isIgnored);
        vm.vex().showSuppressedProperty().set(true);
        assertThat(vm.visibleFindings()).contains(f);
        // the history keeps the statement
        assertThat(fx.services.history().load(vm.history().getFirst()).findings())
                .filteredOn(x -> x.packageName().equals("requests")).singleElement()
                .satisfies(x -> assertThat(x.ignore().vex().document()).isEqualTo("https://example.com/vex/supplier-7"));

        vm.vex().clear();
        assertThat(saved).last().asString().startsWith("[]");
        scan();
        assertThat(requests().isIgnored()).isFalse();
    }

    @Test
    void exportVexWritesTheDecisionsAsOpenVexByTheConfiguredAuthor() throws Exception {
        vm.exportVex(home.resolve("none.json"));
        assertThat(vm.actionMessageProperty().get()).contains("Nothing to export yet");
        scan();
        vm.exportVex(home.resolve("none.json"));
        assertThat(vm.actionMessageProperty().get()).contains("no finding of this scan is ignored");

        vm.vex().add(List.of(vexByAlias()));
        vm.vex().authorProperty().set("Ops team");
        scan();
        Path target = home.resolve("out").resolve("decisions.openvex.json");
        Files.createDirectories(target.getParent());
        vm.exportVex(target);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.actionMessageProperty().get().startsWith("Wrote"));

        JsonNode doc = new ObjectMapper().readTree(target.toFile());
        assertThat(doc.get("author").asText()).isEqualTo("Ops team");
        assertThat(doc.at("/statements/0/vulnerability/aliases").toString()).contains("PYSEC-2018-28");
        assertThat(doc.at("/statements/0/products/0/@id").asText()).isEqualTo("pkg:pypi/requests@2.19.1");
        assertThat(home.resolve("none.json")).doesNotExist();
    }
}
