package dev.bulwark.ratelimit.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes every decision of a run as a CSV row ({@link #around} makes the listener):
 * {@code issued_epoch_us,answered_epoch_us,limiter,client,key,cost,allowed,remaining,reason}. Times are
 * wall-clock microseconds since the epoch, so the logs of processes on one host line up (e.g. to check that
 * processes sharing a Redis prefix together stayed within the limit).
 */
public final class DecisionLogWriter implements AutoCloseable {
    /** The header row. */
    public static final String HEADER = "issued_epoch_us,answered_epoch_us,limiter,client,key,cost,allowed,remaining,"
            + "reason";

    private final BufferedWriter out;
    private final long epochNanosAtOrigin;
    private final long nanoTimeAtOrigin;

    /** Writes to {@code out} (not closed here); {@code clock} anchors {@link System#nanoTime()} to the epoch. */
    public DecisionLogWriter(OutputStream out, Clock clock) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        Instant now = clock.instant();
        this.nanoTimeAtOrigin = System.nanoTime();
        this.epochNanosAtOrigin = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        write(HEADER + "\n");
    }

    /** A listener that logs every decision here and passes everything on to {@code next}. */
    public SimulationListener around(SimulationListener next) {
        return new SimulationListener() {
            @Override
            public void onSecond(SecondSample sample) {
                next.onSecond(sample);
            }

            @Override
            public void onProgress(long simulatedNanos, long decisions) {
                next.onProgress(simulatedNanos, decisions);
            }

            @Override
            public boolean wantsDecisions() {
                return true;
            }

            @Override
            public void onDecision(DecisionEvent e) {
                write(e);
                next.onDecision(e);
            }
        };
    }

    /** Writes one row. */
    public void write(DecisionEvent e) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(epochMicros(e.issuedNanos())).append(',').append(epochMicros(e.answeredNanos())).append(',')
                .append(ResultWriter.csv(e.limiter())).append(',').append(ResultWriter.csv(e.client())).append(',')
                .append(ResultWriter.csv(e.key())).append(',').append(e.cost()).append(',')
                .append(e.decision().allowed()).append(',').append(e.decision().remaining()).append(',')
                .append(e.decision().reason().name()).append('\n');
        write(sb.toString());
    }

    private long epochMicros(long nanoTime) {
        return (epochNanosAtOrigin + (nanoTime - nanoTimeAtOrigin)) / 1000;
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the decision log", e);
        }
    }

    /** Flushes what is buffered (the stream stays open). */
    @Override
    public void close() throws IOException {
        out.flush();
    }
}
