package dev.bulwark.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The build's own record of itself and its bundled libraries' licences, as the Maven build generated them. */
class BuildInfoTest {
    @Test
    void theBuildRecordsItsCommitAndTime() {
        BuildInfo info = BuildInfo.current();
        assertThat(info.version()).isEqualTo(Version.current()).doesNotContain("${");
        // The tests run from a git checkout (CI clones one): the plugin must have found the commit.
        assertThat(info.commit()).matches("[0-9a-f]{7,40}");
        assertThat(info.buildTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
        assertThat(info.oneLine()).startsWith(info.version() + " (" + info.commit());
    }

    @Test
    void withoutTheGeneratedFileNothingIsInvented() {
        BuildInfo info = BuildInfo.read("1.2.3", null);
        assertThat(info).isEqualTo(new BuildInfo("1.2.3", "unknown", "unknown", "unknown", false));
    }

    @Test
    void theLicenceListIsGeneratedFromTheDependenciesAndNamesTheBundledLibraries() {
        ThirdPartyNotices n = ThirdPartyNotices.current();
        assertThat(n.libraries()).hasSizeGreaterThan(30);
        assertThat(n.libraries()).anySatisfy(l -> {
            assertThat(l.coords()).isEqualTo("org.openjfx:javafx-controls");
            assertThat(l.licence()).containsIgnoringCase("GPL");
        });
        assertThat(n.libraries()).anySatisfy(l -> {
            assertThat(l.coords()).isEqualTo("com.fasterxml.jackson.core:jackson-databind");
            assertThat(l.licence()).containsIgnoringCase("Apache");
        });
        assertThat(n.libraries()).extracting(ThirdPartyNotices.Library::coords)
                .contains("eu.hansolo:tilesfx", "info.picocli:picocli", "com.github.docker-java:docker-java-core")
                .doesNotContain("org.junit.jupiter:junit-jupiter", "org.assertj:assertj-core"); // test scope: not shipped
        assertThat(n.byLicence().values().stream().mapToInt(java.util.List::size).sum()).isEqualTo(n.libraries().size());
    }

    @Test
    void parsesTheGroupedFormatAndSkipsWhatIsNotALibraryLine() {
        String text = """

                List of third-party dependencies grouped by their license type.

                    MIT License:

                        * SLF4J API Module (org.slf4j:slf4j-api:2.0.17 - http://www.slf4j.org)

                    GPLv2+CE:

                        * javafx base (org.openjfx:javafx-base:21.0.12 - https://openjdk.java.net/projects/openjfx/)
                        * broken line without coordinates
                """;
        ThirdPartyNotices n = ThirdPartyNotices.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(n.libraries()).containsExactly(
                new ThirdPartyNotices.Library("SLF4J API Module", "org.slf4j:slf4j-api", "2.0.17", "MIT License",
                        "http://www.slf4j.org"),
                new ThirdPartyNotices.Library("javafx base", "org.openjfx:javafx-base", "21.0.12", "GPLv2+CE",
                        "https://openjdk.java.net/projects/openjfx/"));
    }
}
