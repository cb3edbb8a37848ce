package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting the real GUI and closing its window ends the JVM: everything the app started is closed. Also
 * checks that the production logging writes the rolling log file in the user data directory.
 */
class GuiExitTest {
    @TempDir
    Path home;

    @Test
    void closingTheWindowEndsTheProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED",
                // The production Logback configuration, not logback-test.xml: the rolling file is under test.
                "-Dlogback.configurationFile=" + GuiExitTest.class.getResource("/logback.xml"),
                "-cp", System.getProperty("java.class.path"),
                GuiExitProbe.class.getName(), home.toString()));
        Path log = home.resolve("probe.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(exited).as("process exited by itself after its window closed; output:%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("startup ms=").contains("Bulwark closed");
        assertThat(home.resolve("config/settings.json")).exists();
        assertThat(home.resolve("data/logs/bulwark.log")).content()
                .contains("startup ms=").contains("Bulwark closed");
    }
}
