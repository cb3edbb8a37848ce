package dev.bulwark.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameSummary;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Ignore;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.match.SeverityAssessment;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How container alerts and scan findings become gateway messages. */
class EventMappingTest {
    static Finding finding(String pkg, String version, String id, Severity sev, String summary) {
        return new Finding(Ecosystem.NPM, pkg, version, List.of(), id, List.of(),
                new SeverityAssessment(sev, null, null, "test"), summary, List.of(), null, List.of("osv-offline"), null,
                List.of(), List.of(), null);
    }

    static ScanReport report(List<Finding> findings) {
        return new ScanReport(Instant.parse("2026-11-25T09:00:00Z"), 12, List.of("/work/app"), findings, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new dev.bulwark.scan.report.ScanCoverage(1, 1));
    }

    @Test
    void containerAlertsBecomeContainerStatusOnTheContainersChannel() {
        Alert a = new Alert(Instant.parse("2026-11-25T09:14:02Z"), Alert.Kind.RESTART_LOOP, "local", "abc123", "web-1",
                "web-1 restarted 4 times in 5 min");
        ForwardedEvent e = EventMapping.containerStatus(a);
        assertThat(e.channel()).isEqualTo(Channels.CONTAINERS);
        assertThat(e.type()).isEqualTo("container_status");
        assertThat(e.data().get("engine").asText()).isEqualTo("local");
        assertThat(e.data().get("container").asText()).isEqualTo("web-1");
        assertThat(e.data().get("kind").asText()).isEqualTo("restart_loop");
        assertThat(e.data().get("message").asText()).isEqualTo("web-1 restarted 4 times in 5 min");
        assertThat(e.data().get("time").asText()).startsWith("2026-11-25T09:14:02");
        assertThat(e.data().size()).isEqualTo(5);
        assertThat(FrameSummary.of(e.data())).isEqualTo("web-1 restarted 4 times in 5 min");
    }

    @Test
    void findingsAtOrAboveTheThresholdBecomeOneThreatAlertEachMostSevereFirst() {
        Finding ignored = finding("minimist", "1.2.5", "CVE-2021-44906", Severity.CRITICAL, "ignored one")
                .withIgnore(new Ignore("CVE-2021-44906", "not reachable", null));
        ScanReport r = report(List.of(
                finding("lodash", "4.17.20", "CVE-2021-23337", Severity.HIGH, "Command injection"),
                finding("left-pad", "1.0.0", "GHSA-xxxx", Severity.MEDIUM, "below the threshold"),
                finding("axios", "0.21.0", "CVE-2020-28168", Severity.CRITICAL, "SSRF"),
                ignored));
        List<ForwardedEvent> events = EventMapping.scanFindings(r, FailOn.HIGH);
        assertThat(events).extracting(e -> e.data().get("id").asText())
                .containsExactly("CVE-2020-28168", "CVE-2021-23337");
        ForwardedEvent first = events.getFirst();
        assertThat(first.channel()).isEqualTo(Channels.THREATS);
        assertThat(first.type()).isEqualTo("threat_alert");
        assertThat(first.data().get("source").asText()).isEqualTo("bulwark-scan");
        assertThat(first.data().get("severity").asText()).isEqualTo("critical");
        assertThat(first.data().get("package").asText()).isEqualTo("axios");
        assertThat(first.data().get("version").asText()).isEqualTo("0.21.0");
        assertThat(first.data().get("summary").asText()).isEqualTo("SSRF");
        assertThat(FrameSummary.of(first.data())).isEqualTo("CRITICAL · axios 0.21.0: SSRF");

        assertThat(EventMapping.scanFindings(r, FailOn.NONE)).isEmpty();
        assertThat(EventMapping.scanFindings(r, FailOn.MEDIUM)).hasSize(3);
        assertThat(EventMapping.scanFindings(report(List.of()), FailOn.HIGH)).isEmpty();
    }

    @Test
    void moreThanTwentyFindingsBecomeOneSummaryForTheScan() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(finding("pkg" + (i % 7), "1.0." + i, "CVE-2026-" + (1000 + i),
                    i == 5 ? Severity.CRITICAL : Severity.HIGH, "issue " + i));
        }
        assertThat(EventMapping.scanFindings(report(many.subList(0, 20)), FailOn.HIGH)).hasSize(20);
        List<ForwardedEvent> events = EventMapping.scanFindings(report(many), FailOn.HIGH);
        assertThat(events).hasSize(1);
        var d = events.getFirst().data();
        assertThat(d.get("source").asText()).isEqualTo("bulwark-scan");
        assertThat(d.get("severity").asText()).isEqualTo("critical");
        assertThat(d.get("id").asText()).isEqualTo("scan-summary");
        assertThat(d.get("count").asInt()).isEqualTo(21);
        assertThat(d.get("package").asText()).isEqualTo("21 packages");
        assertThat(d.get("title").asText()).isEqualTo("21 findings at or above high in /work/app");
        assertThat(d.get("summary").asText()).startsWith("CVE-2026-1005, ").endsWith(" and 16 more");
    }
}
