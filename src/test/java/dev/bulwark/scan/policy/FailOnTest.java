package dev.bulwark.scan.policy;

import static dev.bulwark.scan.policy.IgnorePolicyTest.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scan.match.Ignore;
import dev.bulwark.scan.match.Severity;
import org.junit.jupiter.api.Test;

class FailOnTest {
    @Test
    void thresholdsCompareByRating() {
        assertThat(FailOn.HIGH.trips(finding("A", Severity.CRITICAL), false)).isTrue();
        assertThat(FailOn.HIGH.trips(finding("A", Severity.HIGH), false)).isTrue();
        assertThat(FailOn.HIGH.trips(finding("A", Severity.MEDIUM), false)).isFalse();
        assertThat(FailOn.LOW.trips(finding("A", Severity.UNKNOWN), false)).isFalse();
        assertThat(FailOn.ANY.trips(finding("A", Severity.UNKNOWN), false)).isTrue();
        assertThat(FailOn.NONE.trips(finding("A", Severity.CRITICAL), false)).isFalse();
    }

    @Test
    void ignoredFindingsNeverTrip() {
        var ignored = finding("A", Severity.CRITICAL).withIgnore(new Ignore("A", "accepted", null));
        assertThat(FailOn.ANY.trips(ignored, true)).isFalse();
    }

    @Test
    void parsesCliValuesAndRejectsOthers() {
        assertThat(FailOn.parse("Critical")).isEqualTo(FailOn.CRITICAL);
        assertThatThrownBy(() -> FailOn.parse("severe")).hasMessageContaining("critical, high");
    }
}
