package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class FrameSummaryTest {
    private final FrameCodec codec = FrameCodec.create();

    private String summary(String json) throws Exception {
        return FrameSummary.of((ObjectNode) codec.mapper().readTree(json));
    }

    @Test
    void severityThenWhatItIsAboutThenWhatHappened() throws Exception {
        assertThat(summary("{\"severity\":\"high\",\"title\":\"SQL injection\",\"message\":\"blocked\"}"))
                .isEqualTo("HIGH · SQL injection: blocked");
        assertThat(summary("{\"level\":\"warn\",\"name\":\"scanner\"}")).isEqualTo("WARN · scanner");
        assertThat(summary("{\"container\":\"web-1\",\"status\":\"healthy\"}")).isEqualTo("web-1: healthy");
        assertThat(summary("{\"message\":\"line one\\nline two\"}")).isEqualTo("line one line two");
        assertThat(summary("{\"container\":\"db\",\"message\":\"db is unhealthy\"}")).isEqualTo("db is unhealthy");
        assertThat(summary("{\"source\":\"bulwark-scan\",\"severity\":\"critical\",\"package\":\"lodash\","
                + "\"version\":\"4.17.20\",\"summary\":\"Prototype pollution\"}"))
                .isEqualTo("CRITICAL · lodash 4.17.20: Prototype pollution");
    }

    @Test
    void otherwiseCompactJsonCutAt120Characters() throws Exception {
        assertThat(summary("{\"cpu\":12.5,\"mem\":3}")).isEqualTo("{\"cpu\":12.5,\"mem\":3}");
        assertThat(summary("{}")).isEqualTo("(no data)");
        String longText = "x".repeat(300);
        String s = summary("{\"blob\":\"" + longText + "\"}");
        assertThat(s).hasSize(FrameSummary.MAX).endsWith("…").startsWith("{\"blob\":\"xxx");
        assertThat(summary("{\"title\":\"" + longText + "\"}")).hasSize(FrameSummary.MAX);
        assertThat(FrameSummary.of((ObjectNode) null)).isEqualTo("(no data)");
    }
}
