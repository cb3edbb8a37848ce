package dev.bulwark.ui.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.sim.ClientResult;
import dev.bulwark.ratelimit.sim.SecondSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-client chart lines built from per-second samples (pure logic, hand-made samples). */
class ClientSeriesLinesTest {

    private static SecondSample second(int s, List<ClientResult> top, long otherOffered, long otherAllowed) {
        long offered = otherOffered + top.stream().mapToLong(ClientResult::offered).sum();
        long allowed = otherAllowed + top.stream().mapToLong(ClientResult::allowed).sum();
        return new SecondSample("tb", s, offered, allowed, offered - allowed, allowed, 0, top, otherOffered,
                otherAllowed);
    }

    @Test
    void theBusiestClientsGetALineAndTheRestAddUpToTheLimitersSecond() {
        List<SecondSample> samples = List.of(
                second(0, List.of(new ClientResult("a", 30, 10), new ClientResult("b", 5, 5),
                        new ClientResult("c", 4, 4)), 0, 0),
                second(1, List.of(new ClientResult("a", 20, 10), new ClientResult("c", 6, 6)), 0, 0),
                second(2, List.of(new ClientResult("a", 25, 10), new ClientResult("b", 3, 3)), 7, 2));
        List<ClientSeries.Line> lines = ClientSeries.lines(samples, 2, 600);
        assertThat(lines).extracting(ClientSeries.Line::client).containsExactly("a", "c", ClientSeries.OTHER);
        assertThat(lines.get(0).points()).containsExactly(new ClientSeries.Point(0, 10, 20),
                new ClientSeries.Point(1, 10, 10), new ClientSeries.Point(2, 10, 15));
        // c is not in second 2's breakdown: 0 on its line, and whatever it sent is in "other clients"
        assertThat(lines.get(1).points()).containsExactly(new ClientSeries.Point(0, 4, 0),
                new ClientSeries.Point(1, 6, 0), new ClientSeries.Point(2, 0, 0));
        // other = everything not on a line of its own: b, and in second 2 also the folded clients (and c)
        assertThat(lines.get(2).points()).containsExactly(new ClientSeries.Point(0, 5, 0),
                new ClientSeries.Point(1, 0, 0), new ClientSeries.Point(2, 5, 5));
    }

    @Test
    void aClientMissingFromASecondsBreakdownIsZeroOnItsLine() {
        List<SecondSample> samples = List.of(second(0, List.of(new ClientResult("a", 3, 3)), 0, 0),
                second(1, List.of(), 0, 0));
        List<ClientSeries.Line> lines = ClientSeries.lines(samples, 5, 600);
        assertThat(lines).extracting(ClientSeries.Line::client).containsExactly("a");
        assertThat(lines.getFirst().points()).containsExactly(new ClientSeries.Point(0, 3, 0),
                new ClientSeries.Point(1, 0, 0));
        assertThat(ClientSeries.lines(List.of(), 5, 600)).isEmpty();
    }

    @Test
    void withoutABreakdownEverythingIsOtherClientsAndLongRunsAreAveraged() {
        List<SecondSample> samples = new ArrayList<>();
        for (int s = 0; s < 1000; s++) {
            samples.add(new SecondSample("tb", s, 10, s % 2 == 0 ? 10 : 6, s % 2 == 0 ? 0 : 4, 0, 0));
        }
        List<ClientSeries.Line> lines = ClientSeries.lines(samples, 5, 600);
        assertThat(lines).extracting(ClientSeries.Line::client).containsExactly(ClientSeries.OTHER);
        List<ClientSeries.Point> points = lines.getFirst().points();
        assertThat(points).hasSize(500).first().isEqualTo(new ClientSeries.Point(0, 8, 2));
        assertThat(points.get(1).second()).isEqualTo(2);
    }
}
