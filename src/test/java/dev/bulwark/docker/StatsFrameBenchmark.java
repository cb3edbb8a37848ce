package dev.bulwark.docker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.docker.stats.ContainerStats;
import dev.bulwark.docker.stats.RawStats;
import dev.bulwark.docker.stats.StatsCalculator;
import dev.bulwark.docker.stats.StatsParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Console cost of one stats frame (JSON bytes to figures): what every running container costs each second
 * while watched. Short run: 1 fork, 2 warm-up and 3 measured iterations of 1 s.
 */
@Tag("bench")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StatsFrameBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private byte[] v1;
    private byte[] v2;
    private RawStats previous;

    @Setup
    public void load() throws IOException {
        v1 = read("stats-v1-cpu-burner.json");
        v2 = read("stats-v2-recorded.json");
        previous = StatsParser.parse(MAPPER.readTree(v1));
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = StatsFrameBenchmark.class.getResourceAsStream("/docker/" + name)) {
            return in.readAllBytes();
        }
    }

    @Benchmark
    public ContainerStats cgroupV1Frame() throws IOException {
        return frame(v1);
    }

    @Benchmark
    public ContainerStats cgroupV2Frame() throws IOException {
        return frame(v2);
    }

    /** The path the monitor takes: streaming parse of the frame's bytes, then the CLI formulas. */
    private ContainerStats frame(byte[] json) throws IOException {
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            p.nextToken();
            return StatsCalculator.compute(StatsParser.read(p), previous);
        }
    }

    @Test
    void run() throws Exception {
        new Runner(new OptionsBuilder().include(StatsFrameBenchmark.class.getName() + ".cgroup")
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1)).build()).run();
    }
}
