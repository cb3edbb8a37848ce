package dev.bulwark.scan.image.binary;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Cost of inspecting one binary, against the peer an image scanner would otherwise pay: reading the whole file
 * once. Files come from system properties set by {@link BinaryInspectBenchmarkTest} (a large Go ≥ 1.18 binary,
 * a Go 1.16 pointer-format binary, and the C library, which is not Go). Run through that test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BinaryInspectBenchmark {
    private final Path inline = Path.of(System.getProperty("bulwark.bench.goInline", "missing"));
    private final Path pointer = Path.of(System.getProperty("bulwark.bench.goPointer", "missing"));
    private final Path notGo = Path.of(System.getProperty("bulwark.bench.notGo", "missing"));

    @Benchmark
    public Object inspectGoInline() throws IOException {
        return inspect(inline);
    }

    @Benchmark
    public Object inspectGoPointer() throws IOException {
        return inspect(pointer);
    }

    @Benchmark
    public Object inspectSharedLibraryNotGo() throws IOException {
        return inspect(notGo);
    }

    /** The peer: what reading the large Go binary in full costs. */
    @Benchmark
    public int readWholeGoInlineFile() throws IOException {
        return Files.readAllBytes(inline).length;
    }

    private static Object inspect(Path p) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(p)) {
            return BinaryInspector.inspect(ch, ch.size());
        }
    }
}
