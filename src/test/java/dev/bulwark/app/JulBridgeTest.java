package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * java.util.logging reaches the Bulwark log through SLF4J although the bridge is only installed when the LogManager
 * starts ({@link JulToSlf4j}), in a fresh JVM: the test JVM's LogManager was set up long ago.
 */
class JulBridgeTest {
    @TempDir
    Path home;

    @Test
    void julRecordsGoToSlf4jThroughTheConfigurationClass() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), JulBridgeProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("BULWARK_HOME", home.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).contains("root handlers: [org.slf4j.bridge.SLF4JBridgeHandler]");
        // The CLI's console log is WARN and above on stderr, in Logback's layout (JUL's own would say "WARNING:").
        assertThat(err).contains("WARN").contains("a record sent through java.util.logging")
                .doesNotContain("WARNING: a record");
    }
}
