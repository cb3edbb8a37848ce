package dev.bulwark.scan.image.binary;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@link BinaryInspectBenchmark} briefly (1 fork, 2+3 short iterations) and prints figures and ratios. */
@Tag("bench")
class BinaryInspectBenchmarkTest {

    @Test
    void inspectBenchmarks() throws Exception {
        Path inline = RealBinaries.npmFile("lefthook-linux-x64@2.2.4", "bin/lefthook");
        Path pointer = RealBinaries.npmFile("esbuild-linux-64@0.11.23", "bin/esbuild");
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6").toRealPath();
        assertThat(Files.isRegularFile(libc)).isTrue();
        Options opt = new OptionsBuilder()
                .include(BinaryInspectBenchmark.class.getName() + "\\.")
                .forks(1)
                .jvmArgsAppend("-Xmx256m", "-Dbulwark.bench.goInline=" + inline,
                        "-Dbulwark.bench.goPointer=" + pointer, "-Dbulwark.bench.notGo=" + libc)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        assertThat(results).hasSize(4);
        Map<String, Double> us = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            us.put(name, r.getPrimaryResult().getScore());
            System.out.printf("[bench] %-28s %10.1f us/op (±%.1f)%n", name, r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError());
        }
        System.out.printf("[bench] full read of %s (%d bytes) / inspect = %.1fx%n", inline.getFileName(),
                Files.size(inline), us.get("readWholeGoInlineFile") / us.get("inspectGoInline"));
    }
}
