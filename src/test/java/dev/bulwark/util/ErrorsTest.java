package dev.bulwark.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void rootMessageIsTheInnermostCausesMessage() {
        Exception wrapped = new ExecutionException("task failed",
                new UncheckedIOException("ping failed", new ConnectException("connection refused")));
        assertThat(Errors.rootMessage(wrapped)).isEqualTo("connection refused");
        assertThat(Errors.rootMessage(new IOException("event stream ended"))).isEqualTo("event stream ended");
    }

    @Test
    void aRootWithoutAMessageIsNamedByItsClass() {
        assertThat(Errors.rootMessage(new IOException("read failed", new java.io.EOFException()))).isEqualTo("EOFException");
        assertThat(Errors.rootMessage(new IllegalStateException("  "))).isEqualTo("IllegalStateException");
    }
}
