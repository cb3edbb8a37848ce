package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testsupport.SharedData;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link ScanBenchmark} briefly (1 fork, 2 warm-up + 3 measured iterations) and prints figures vs targets. */
@Tag("bench")
class ScanBenchmarkTest {
    private static final Map<String, Double> TARGET_MS = Map.of("importAll", 1000.0, "scan403", 200.0, "scan10k", 2000.0);

    @Test
    void importAndScanFigures() throws Exception {
        SharedData.osvDb();
        Options opts = new OptionsBuilder().include(ScanBenchmark.class.getName() + ".*")
                .forks(1).jvmArgsAppend("-Xmx256m", "-Dbulwark.shared=" + SharedData.root())
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(2)).build();
        Collection<RunResult> results = new Runner(opts).run();
        assertThat(results).hasSize(3);
        System.out.println("== Bulwark scan benchmark (heap -Xmx256m) ==");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            double ms = r.getPrimaryResult().getScore();
            System.out.printf("%-10s %9.1f ms  target %6.0f ms  ratio %.2f%n", name, ms, TARGET_MS.get(name),
                    ms / TARGET_MS.get(name));
        }
    }
}
