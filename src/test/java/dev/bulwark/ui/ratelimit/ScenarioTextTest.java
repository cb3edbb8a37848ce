package dev.bulwark.ui.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.ratelimit.CostRules;
import dev.bulwark.ratelimit.sim.ClientGroup;
import dev.bulwark.ratelimit.sim.ClientResult;
import dev.bulwark.ratelimit.sim.Traffic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The form's short text forms and their scenario-document equivalents (pure logic). */
class ScenarioTextTest {

    @Test
    void durationsUseTheLargestExactUnit() {
        assertThat(ScenarioText.duration(120_000_000_000L)).isEqualTo("2m");
        assertThat(ScenarioText.duration(90_000_000_000L)).isEqualTo("90s");
        assertThat(ScenarioText.duration(3_600_000_000_000L)).isEqualTo("3600s");
        assertThat(ScenarioText.duration(1_500_000_000L)).isEqualTo("1500ms");
        assertThat(ScenarioText.duration(250_000L)).isEqualTo("250us");
        assertThat(ScenarioText.duration(7L)).isEqualTo("7ns");
    }

    @Test
    void scalarsBecomeNumbersOnlyWhenTheyAreNumbers() {
        assertThat(ScenarioText.scalar(" 5 ").isIntegralNumber()).isTrue();
        assertThat(ScenarioText.scalar("2.5").asDouble()).isEqualTo(2.5);
        assertThat(ScenarioText.scalar("abc").isTextual()).isTrue();
        assertThat(ScenarioText.scalar("Infinity").isTextual()).isTrue();
        assertThat(ScenarioText.scalar("").isTextual()).isTrue();
    }

    @Test
    void everyTrafficShapeWritesTheKeysOfTheScenarioFormat() {
        List<String> texts = new ArrayList<>();
        for (Traffic t : List.of(new Traffic.Constant(5), new Traffic.Poisson(0.5),
                new Traffic.OnOff(200, 2_000_000_000L, 8_000_000_000L), new Traffic.Ramp(1, 10),
                new Traffic.Spike(2, 50, 30_000_000_000L, 5_000_000_000L),
                new Traffic.Replay(Path.of("/logs/access.log"), Traffic.KeyBy.USER, 2))) {
            texts.add(ScenarioText.traffic(t));
        }
        assertThat(texts).containsExactly("constant rate=5", "poisson rate=0.5", "onoff rate=200 on=2s off=8s",
                "ramp from=1 to=10", "spike rate=2 peak=50 at=30s length=5s",
                "replay file=/logs/access.log keyBy=user speed=2");
        JsonNode spike = ScenarioText.trafficNode(texts.get(4));
        assertThat(spike.toString()).isEqualTo("{\"type\":\"spike\",\"rate\":2,\"peak\":50,\"at\":\"30s\",\"length\":\"5s\"}");
        assertThat(ScenarioText.trafficNode(texts.get(5)).get("keyBy").asText()).isEqualTo("user");
    }

    @Test
    void unreadableTrafficSaysWhatIsExpected() {
        assertThatThrownBy(() -> ScenarioText.trafficNode("  ")).hasMessageContaining("start with the type");
        assertThatThrownBy(() -> ScenarioText.trafficNode("rate=2")).hasMessageContaining("start with the type");
        assertThatThrownBy(() -> ScenarioText.trafficNode("poisson 2")).hasMessageContaining("key=value")
                .hasMessageContaining("'2'");
    }

    @Test
    void costRulesAndOperationsRoundTrip() {
        List<CostRules.Rule> rules = List.of(new CostRules.Rule("export", null, 10),
                new CostRules.Rule(null, "/api/export", 5), new CostRules.Rule("bulk", "/api/bulk", 20));
        String text = ScenarioText.costRules(rules);
        assertThat(text).isEqualTo("export=10, /api/export=5, bulk /api/bulk=20");
        assertThat(ScenarioText.rulesNode(text).toString()).isEqualTo("[{\"operation\":\"export\",\"cost\":10},"
                + "{\"pathPrefix\":\"/api/export\",\"cost\":5},"
                + "{\"operation\":\"bulk\",\"pathPrefix\":\"/api/bulk\",\"cost\":20}]");
        assertThatThrownBy(() -> ScenarioText.rulesNode("export")).hasMessageContaining("name=number");

        String ops = ScenarioText.operations(List.of(new ClientGroup.WeightedOp("read", 9),
                new ClientGroup.WeightedOp("export", 1.5)));
        assertThat(ops).isEqualTo("read=9, export=1.5");
        assertThat(ScenarioText.operationsNode(ops).toString()).isEqualTo("{\"read\":9,\"export\":1.5}");
        assertThat(ScenarioText.operations(List.of(new ClientGroup.WeightedOp("request", 1)))).isEmpty();
        assertThat(ScenarioText.operationsNode(" ")).isNull();
    }

    @Test
    void theClientChartShowsTheBusiestClientsFirst() {
        List<ClientResult> clients = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            clients.add(new ClientResult("c" + i, i, i / 2));
        }
        List<ClientResult> top = ClientChart.busiest(clients);
        assertThat(top).hasSize(ClientChart.MAX_CLIENTS);
        assertThat(top.getFirst().client()).isEqualTo("c29");
        assertThat(top.getLast().client()).isEqualTo("c10");
    }
}
