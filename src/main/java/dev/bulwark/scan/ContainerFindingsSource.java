package dev.bulwark.scan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Which running containers' images carry HIGH or CRITICAL findings (issue 13): the image scanner publishes its
 * latest knowledge here and the Overview shows it. Until an implementation is wired in the composition root,
 * {@link #notScanned()} says honestly that nothing was scanned.
 */
public interface ContainerFindingsSource {

    /**
     * What is known now.
     *
     * @param scanned     false until the first image scan finished (then the other fields mean nothing)
     * @param at          when the knowledge was last updated, null when not scanned
     * @param running     running containers whose image was scanned
     * @param flagged     names of running containers whose image has HIGH or CRITICAL active findings
     * @param total       running containers in all, scanned or not; -1 when the source does not know
     */
    record Findings(boolean scanned, Instant at, int running, List<String> flagged, int total) {
        public Findings {
            flagged = List.copyOf(flagged);
        }

        /** Findings without the total of running containers. */
        public Findings(boolean scanned, Instant at, int running, List<String> flagged) {
            this(scanned, at, running, flagged, -1);
        }

        /** Nothing scanned yet. */
        public static final Findings NOT_SCANNED = new Findings(false, null, 0, List.of());

        /** The same with another total of running containers. */
        public Findings withTotal(int newTotal) {
            return new Findings(scanned, at, running, flagged, newTotal);
        }
    }

    /** The latest findings (never null). */
    Findings current();

    /**
     * Calls {@code listener} with each new {@link Findings}, from any thread, until the returned handle is closed.
     */
    AutoCloseable subscribe(Consumer<Findings> listener);

    /** The source before the image scanner is wired: never scanned, never changes. */
    static ContainerFindingsSource notScanned() {
        return new ContainerFindingsSource() {
            @Override
            public Findings current() {
                return Findings.NOT_SCANNED;
            }

            @Override
            public AutoCloseable subscribe(Consumer<Findings> listener) {
                Objects.requireNonNull(listener);
                return () -> { };
            }
        };
    }
}
