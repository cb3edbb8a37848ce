package dev.bulwark.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards against the slip that once turned CI red on a fresh machine: a test that read the test services' files
 * from a fixed temp path, which only an earlier run on the same machine had left behind. Every source finds them
 * through {@link TestServices} ({@code BULWARK_SERVICES_DIR}).
 */
class NoLiteralServicePathsTest {
    /** A literal services folder, as {@code scripts/test-services.sh} or {@code .ci/run} would create it. */
    private static final Pattern LITERAL = Pattern.compile("/tmp/bulwark-(?:services|ci)");

    @Test
    void noSourceNamesATestServicesFolderLiterally() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path root : List.of(Path.of("src/test"), Path.of("src/main"))) {
            try (Stream<Path> files = Files.walk(root)) {
                // Sources only: recorded engine answers under resources may name the folder they were recorded in.
                files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".java")).forEach(f -> {
                    try {
                        List<String> lines = Files.readAllLines(f);
                        for (int i = 0; i < lines.size(); i++) {
                            if (LITERAL.matcher(lines.get(i)).find()) {
                                offenders.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(f.toString(), e);
                    }
                });
            }
        }
        assertThat(offenders).as("use TestServices.dir() (BULWARK_SERVICES_DIR) instead").isEmpty();
    }

    @Test
    void theGuardRecognisesTheLiteralItForbids() {
        assertThat(LITERAL.matcher("Path.of(\"/tmp/bulwark-" + "services/busybox.tar\")").find()).isTrue();
        assertThat(LITERAL.matcher("unix:///tmp/bulwark-" + "ci.x1y2/engine1/docker.sock").find()).isTrue();
        assertThat(LITERAL.matcher("Path.of(\"/tmp\").resolve(\"bulwark-services\")").find()).isFalse();
    }
}
