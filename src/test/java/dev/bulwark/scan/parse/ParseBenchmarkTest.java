package dev.bulwark.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link ParseBenchmark} briefly (1 fork, 2+3 short iterations) and prints the figures. */
@Tag("bench")
class ParseBenchmarkTest {

    @Test
    void parseBenchmarks() throws RunnerException {
        String shared = ParseBenchmark.sharedDir().toString();
        Options opt = new OptionsBuilder()
                .include(ParseBenchmark.class.getName() + "\\.")
                .forks(1)
                .jvmArgsAppend("-Xmx256m", "-Dbulwark.bench.shared=" + shared)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        assertThat(results).hasSize(3);
        for (RunResult r : results) {
            System.out.printf("[bench] %-28s %8.2f ms/op (±%.2f)%n", r.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError());
        }
    }
}
