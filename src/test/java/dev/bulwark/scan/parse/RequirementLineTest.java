package dev.bulwark.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One requirements line (pure logic): pins, extras, markers, options, references. */
class RequirementLineTest {

    private static RequirementLine parse(String s) {
        return RequirementLine.parse(s).orElseThrow(() -> new AssertionError("not parsed: " + s));
    }

    @Test
    void exactPinsWithExtrasMarkersAndHashes() {
        RequirementLine r = parse("Flask[async, dotenv] == 2.0.1 ; python_version >= \"3.7\" --hash=sha256:abc");
        assertThat(r.name()).isEqualTo("flask");
        assertThat(r.pinned()).isEqualTo("2.0.1");
        assertThat(r.marker()).isEqualTo("python_version >= \"3.7\"");
        assertThat(parse("zope.interface===5.4.0").pinned()).isEqualTo("5.4.0");
        assertThat(parse("requests>=2.0,==2.25.1").pinned()).isEqualTo("2.25.1");
        assertThat(parse("cleo==1.0.0a5").pinned()).isEqualTo("1.0.0a5");
        assertThat(parse("Django (==2.2.27)").pinned()).isEqualTo("2.2.27");
    }

    @Test
    void rangesWildcardsAndBareNamesAreNotPinned() {
        assertThat(parse("celery>=5.0,<6").pinned()).isNull();
        assertThat(parse("celery>=5.0,<6").specifier()).isEqualTo(">=5.0,<6");
        assertThat(parse("jinja2==3.0.*").pinned()).isNull();
        assertThat(parse("requests").pinned()).isNull();
        assertThat(parse("requests").specifier()).isEmpty();
        assertThat(parse("pip~=22.0").pinned()).isNull();
    }

    @Test
    void urlsPathsAndDirectReferences() {
        RequirementLine direct = parse("pkg @ https://example.invalid/pkg-1.0.tar.gz");
        assertThat(direct.name()).isEqualTo("pkg");
        assertThat(direct.pinned()).isNull();
        assertThat(direct.specifier()).startsWith("direct reference");
        RequirementLine egg = parse("git+https://example.invalid/org/tool.git#egg=Internal_Tool");
        assertThat(egg.name()).isEqualTo("internal-tool");
        assertThat(egg.specifier()).startsWith("URL or path");
        assertThat(parse("./local/pkg").pinned()).isNull();
    }

    @Test
    void garbageIsNotARequirement() {
        assertThat(RequirementLine.parse("this is not a requirement")).isEmpty();
        assertThat(RequirementLine.parse("foo=1.0")).isEmpty();
        assertThat(RequirementLine.parse("   ")).isEmpty();
    }
}
