package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final FrameCodec codec = FrameCodec.create();

    @Test
    void encodesTheFiveKeysInOrderCompactlyKeepingNonAscii() {
        ObjectNode data = codec.object().put("name", "Olá 日本").put("n", 1);
        String text = codec.encode(new GatewayFrame("threat_alert", "maximus:threats", data, "2025-10-11T12:00:00.123456", null));
        assertThat(text).isEqualTo("{\"type\":\"threat_alert\",\"channel\":\"maximus:threats\",\"data\":{\"name\":\"Olá 日本\",\"n\":1},"
                + "\"timestamp\":\"2025-10-11T12:00:00.123456\",\"client_id\":null}");
        assertThat(codec.encode(new GatewayFrame("ping", null, null, null, "c1")))
                .isEqualTo("{\"type\":\"ping\",\"channel\":null,\"data\":null,\"timestamp\":null,\"client_id\":\"c1\"}");
    }

    @Test
    void extendAppendsThePositionWithoutTouchingTheLegacyBytes() throws Exception {
        String legacy = "{\"type\":\"task_update\",\"channel\":\"maximus:tasks\",\"data\":{\"x\":1.50},\"timestamp\":\"t\",\"client_id\":null}\n";
        String ext = codec.extend(legacy, new StreamOffset(1700000000000L, 3), "e\"1");
        assertThat(ext).startsWith(legacy.strip().substring(0, legacy.strip().length() - 1))
                .endsWith(",\"offset\":\"1700000000000-3\",\"epoch\":\"e\\\"1\"}");
        GatewayFrame f = codec.decode(ext);
        assertThat(f.offset()).isEqualTo(new StreamOffset(1700000000000L, 3));
        assertThat(f.epoch()).isEqualTo("e\"1");
        assertThat(f.data().get("x").decimalValue()).isEqualByComparingTo("1.50");
    }

    @Test
    void decodeNamesEachKindOfProblem() {
        assertThatThrownBy(() -> codec.decode("{nope")).isInstanceOfSatisfying(FrameCodec.FrameException.class,
                e -> assertThat(e.problem()).isEqualTo(FrameCodec.Problem.INVALID_JSON));
        assertThatThrownBy(() -> codec.decode("[1,2]")).isInstanceOfSatisfying(FrameCodec.FrameException.class,
                e -> assertThat(e.problem()).isEqualTo(FrameCodec.Problem.NOT_AN_OBJECT));
        assertThatThrownBy(() -> codec.decode("{\"type\":\"x\",\"data\":[1]}")).isInstanceOfSatisfying(
                FrameCodec.FrameException.class, e -> assertThat(e.getMessage()).contains("'data'"));
        assertThatThrownBy(() -> codec.decode("{\"channel\":\"maximus:ai\"}")).hasMessageContaining("'type' is missing");
        assertThatThrownBy(() -> codec.decode("{\"type\":1}")).hasMessageContaining("'type' must be a string");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"x\",\"offset\":\"abc\"}")).hasMessageContaining("offset");
    }

    @Test
    void timestampsWithoutZoneAreUtcAndOffsetsAreHonoured() {
        assertThat(Timestamps.parse("2025-10-11T12:00:00.123456")).isEqualTo(Instant.parse("2025-10-11T12:00:00.123456Z"));
        assertThat(Timestamps.parse("2025-10-11T12:00:00")).isEqualTo(Instant.parse("2025-10-11T12:00:00Z"));
        assertThat(Timestamps.parse("2025-10-11T14:00:00+02:00")).isEqualTo(Instant.parse("2025-10-11T12:00:00Z"));
        assertThat(Timestamps.parse("2025-10-11T12:00:00.5Z")).isEqualTo(Instant.parse("2025-10-11T12:00:00.500Z"));
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).hasMessageContaining("'yesterday'");
        assertThat(Timestamps.format(Instant.parse("2025-10-11T12:00:00Z"))).isEqualTo("2025-10-11T12:00:00");
        assertThat(Timestamps.format(Instant.parse("2025-10-11T12:00:00.1234567Z"))).isEqualTo("2025-10-11T12:00:00.123456");
    }

    @Test
    void offsetsOrderByMillisThenSequence() {
        assertThat(StreamOffset.parse("5-10").isAfter(StreamOffset.parse("5-9"))).isTrue();
        assertThat(StreamOffset.parse("6-0").isAfter(StreamOffset.parse("5-99"))).isTrue();
        assertThat(StreamOffset.parse("0-0")).isEqualTo(StreamOffset.ZERO);
        assertThatThrownBy(() -> StreamOffset.parse("5")).hasMessageContaining("'5'");
        assertThatThrownBy(() -> StreamOffset.parse("-1-2")).isInstanceOf(IllegalArgumentException.class);
    }
}
