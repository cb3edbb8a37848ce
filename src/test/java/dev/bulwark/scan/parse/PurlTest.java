package dev.bulwark.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import org.junit.jupiter.api.Test;

/** Package URL parsing and mapping to OSV names (pure logic). */
class PurlTest {

    @Test
    void goPurlKeepsTheModulePathAndTheVPrefix() {
        Purl p = Purl.parse("pkg:golang/golang.org/x/net@v0.0.0-20210405180319-a5a99cb37ef4").orElseThrow();
        assertThat(p.ecosystem()).contains(Ecosystem.GO);
        assertThat(p.osvName()).isEqualTo("golang.org/x/net");
        assertThat(p.version()).isEqualTo("v0.0.0-20210405180319-a5a99cb37ef4");
    }

    @Test
    void scopedNpmMavenPypiAndComposerNames() {
        assertThat(Purl.parse("pkg:npm/%40babel/traverse@7.22.8").orElseThrow().osvName()).isEqualTo("@babel/traverse");
        Purl maven = Purl.parse("pkg:maven/org.apache.shiro/shiro-core@1.7.0?type=jar#sub/path").orElseThrow();
        assertThat(maven.osvName()).isEqualTo("org.apache.shiro:shiro-core");
        assertThat(maven.version()).isEqualTo("1.7.0");
        assertThat(Purl.parse("pkg:pypi/Django_REST.framework@3.0").orElseThrow().osvName()).isEqualTo("django-rest-framework");
        assertThat(Purl.parse("pkg:composer/laravel/framework@8.0.0").orElseThrow().osvName()).isEqualTo("laravel/framework");
    }

    @Test
    void plusInVersionsIsNotASpaceAndPercentEscapesAreDecoded() {
        assertThat(Purl.parse("pkg:cargo/openssl-src@111.12.0+1.1.1h").orElseThrow().version()).isEqualTo("111.12.0+1.1.1h");
        assertThat(Purl.parse("pkg:cargo/openssl-src@111.12.0%2B1.1.1h").orElseThrow().version()).isEqualTo("111.12.0+1.1.1h");
    }

    @Test
    void invalidAndUnsupported() {
        assertThat(Purl.parse("not-a-purl")).isEmpty();
        assertThat(Purl.parse("pkg:npm")).isEmpty();
        assertThat(Purl.parse(null)).isEmpty();
        assertThat(Purl.parse("pkg:deb/debian/openssl@1.1.1n").orElseThrow().ecosystem()).isEmpty();
        assertThat(Purl.parse("pkg:pypi/requests").orElseThrow().version()).isNull();
    }
}
