package dev.bulwark.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CvssMetricsTest {
    private final CvssMetrics cvss = new CvssMetrics();

    @Test
    void v31VectorBecomesNamedMetricsInOrder() {
        var m = cvss.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N");
        assertThat(m).extracting(CvssMetrics.Metric::name).containsExactly("Attack vector", "Attack complexity",
                "Privileges required", "User interaction", "Scope", "Confidentiality", "Integrity", "Availability");
        assertThat(m).extracting(CvssMetrics.Metric::label).containsExactly("Network", "Low", "None", "Required",
                "Unchanged", "High", "None", "None");
    }

    @Test
    void v4AndV2Vectors() {
        var v4 = cvss.parse("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N");
        assertThat(v4).extracting(CvssMetrics.Metric::key).contains("AT", "VC", "SA");
        assertThat(v4.get(2).label()).isEqualTo("Present");
        var v2 = cvss.parse("AV:N/AC:M/Au:N/C:P/I:P/A:P");
        assertThat(v2).extracting(CvssMetrics.Metric::label).containsExactly("Network", "Medium", "None", "Partial",
                "Partial", "Partial");
    }

    @Test
    void unknownPartsStayRawAndBlankGivesNothing() {
        assertThat(cvss.parse(null)).isEmpty();
        assertThat(cvss.parse(" ")).isEmpty();
        assertThat(cvss.parse("CVSS:3.1/XX:Q/garbage")).singleElement()
                .isEqualTo(new CvssMetrics.Metric("XX", "XX", "Q", "Q"));
    }
}
