package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.testsupport.ChildCli;
import dev.bulwark.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a start does not do when the command does not need it (issue 12's cold start), seen in the real CLI in a
 * child JVM through its class-loading log: no other command's model, no log layout or log file while nothing is
 * logged, no Logback and no Jackson at all for {@code --version}, no Jackson, SLF4J or Logback for a clean scan of
 * the offline database.
 */
class StartupWorkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** A run of the real CLI and the classes it loaded, by name. */
    private record Run(ChildCli.Result result, List<String> classes) {
    }

    private Run run(String... args) throws Exception {
        Path log = dir.resolve("classes.txt");
        ChildCli.Result r = ChildCli.withHome(Files.createDirectories(dir.resolve("home")))
                .jvm("-XX:TieredStopAtLevel=1", "-Xmx512m", "-Xlog:class+load=info:file=" + log)
                .run(TIMEOUT, args);
        // Lines like "[0.012s][info][class,load] java.lang.Object source: shared objects file"
        List<String> classes = Files.readAllLines(log).stream()
                .map(l -> l.substring(l.indexOf("] ", l.indexOf("class,load")) + 2).split(" ")[0]).toList();
        return new Run(r, classes);
    }

    @Test
    void versionLoadsNoOtherCommandNoLoggingMachineryAndNoJackson() throws Exception {
        Run run = run("--version");
        assertThat(run.result().exit()).as(run.result().err()).isZero();
        assertThat(run.classes()).contains("dev.bulwark.cli.BulwarkCommand")
                .doesNotContain("dev.bulwark.cli.ScanCommand", "dev.bulwark.cli.GatewayCommand",
                        "ch.qos.logback.classic.PatternLayout");
        assertThat(run.classes()).noneMatch(c -> c.startsWith("com.fasterxml.jackson") || c.startsWith("ch.qos.logback"));
        assertThat(dir.resolve("home/data/logs/bulwark.log")).doesNotExist();
    }

    @Test
    void aScanBuildsOnlyItsCommandAndOpensNoLogFileWhenNothingIsLogged() throws Exception {
        Path manifest = Files.writeString(dir.resolve("requirements.txt"), "requests==2.19.0\n");
        Path db = Files.createDirectories(dir.resolve("empty-db"));
        Run run = run("scan", manifest.toString(), "--db", db.toString());
        // An empty database is a fatal misconfiguration (exit 2), said on stderr, not logged.
        assertThat(run.result().exit()).as(run.result().err()).isEqualTo(2);
        assertThat(run.result().err()).contains("is empty");
        assertThat(run.classes()).contains("dev.bulwark.cli.ScanCommand")
                .doesNotContain("dev.bulwark.cli.DbCommand", "dev.bulwark.cli.ContainersCommand",
                        "ch.qos.logback.classic.PatternLayout", "ch.qos.logback.core.rolling.helper.FileNamePattern");
        assertThat(dir.resolve("home/data/logs/bulwark.log")).doesNotExist();
    }

    @Test
    void aCleanScanOfTheOfflineDatabaseStartsNoJacksonAndNoLogging() throws Exception {
        // A real database (the PyPI dump) and a real requirements.txt with known vulnerable pins.
        Path db = dir.resolve("db");
        OsvFixtures.importer(OsvFixtures.store(db), Clock.systemUTC())
                .importDumps(List.of(SharedData.osvDb().resolve("PyPI/all.zip")));
        Path manifest = SharedData.manifests().resolve("CMSgov_bluebutton-web-server_af141c050475_requirements.txt");

        Run run = run("scan", manifest.toString(), "--db", db.toString(), "--fail-on", "none");

        assertThat(run.result().exit()).as(run.result().err()).isZero();
        assertThat(run.result().out()).contains("PyPI requests 2.25.1").contains("vulnerabilities");
        assertThat(run.classes()).contains("dev.bulwark.scan.osv.OsvRecordCodec", "dev.bulwark.scan.osv.EcosystemIndex");
        // The database, the requirements parser, the matcher and the table report need no Jackson (issue 12).
        // (Only the exception types the lockfile parsers' catch clauses name are loaded, to verify those parsers.)
        assertThat(run.classes().stream().filter(c -> c.startsWith("com.fasterxml.jackson.")
                && !c.endsWith("Exception")).toList()).as("Jackson classes loaded").isEmpty();
        // Nothing was logged, so SLF4J and Logback were never started (LazyLogger on the scan path).
        assertThat(run.classes()).noneMatch(c -> c.startsWith("ch.qos.logback.") || c.equals("org.slf4j.LoggerFactory"));
        assertThat(dir.resolve("home/data/logs/bulwark.log")).doesNotExist();
    }
}
