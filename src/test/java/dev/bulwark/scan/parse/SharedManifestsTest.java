package dev.bulwark.scan.parse;

import static dev.bulwark.scan.parse.TestManifests.get;
import static dev.bulwark.scan.parse.TestManifests.lineOf;
import static dev.bulwark.scan.parse.TestManifests.parse;
import static dev.bulwark.scan.parse.TestManifests.shared;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every parser on the real manifests in ../shared/manifests, copied under their original names. */
class SharedManifestsTest {
    @TempDir
    Path dir;

    @Test
    void pipCompileRequirementsWithHashesAndViaBlocks() {
        Path f = shared(dir, "CMSgov_bluebutton-web-server_af141c050475_requirements.txt");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("requirements.txt");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(51);
        assertThat(r.unpinned()).isEmpty();
        PackageRef django = get(r, "django", "2.2.27");
        assertThat(django.line()).isEqualTo(lineOf(f, "django==2.2.27"));
        assertThat(django.file()).isEqualTo(f.toAbsolutePath());
        assertThat(get(r, "boto3", "1.17.93").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "botocore", "1.20.93").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(get(r, "certifi", "2018.10.15").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(get(r, "pillow", "9.0.1").ecosystem()).isEqualTo(Ecosystem.PYPI);
        assertThat(r.packages()).allSatisfy(p -> assertThat(p.version()).doesNotContain("hash", " ", "\\"));
    }

    @Test
    void poetryExportRequirementsWithMarkersOnEveryLine() {
        Path f = shared(dir, "certbot_certbot_a807240db7b8_requirements.txt");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(184);
        assertThat(get(r, "cleo", "1.0.0a5").line()).isEqualTo(lineOf(f, "cleo==1.0.0a5"));
        get(r, "azure-devops", "6.0.0b4");
        get(r, "cryptography", "38.0.3");
        assertThat(r.packages()).allSatisfy(p -> assertThat(p.version()).doesNotContain(";", "\"", " "));
        assertThat(r.notes()).anyMatch(n -> n.contains("markers were not evaluated"));
    }

    @Test
    void pipfileLockDeduplicatesDefaultAndDevelopAndListsEditableAsUnpinned() {
        Path f = shared(dir, "psf_requests-html_02ef2cc9f45c_Pipfile.lock");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("Pipfile.lock");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(61);
        assertThat(r.packages()).extracting(PackageRef::name).doesNotHaveDuplicates();
        PackageRef lxml = get(r, "lxml", "4.5.0");
        assertThat(lxml.line()).isEqualTo(lineOf(f, "\"lxml\": {"));
        assertThat(r.unpinned()).singleElement().satisfies(u -> assertThat(u.specifier()).contains("editable"));
        get(r, "importlib-metadata", "1.6.0");
    }

    @Test
    void packageLockV3WithNestedPathsAndDirectFromRoot() {
        Path f = shared(dir, "sahat_hackathon-starter_6296aa7efe6c_package-lock.json");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("package-lock.json");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(1122);
        PackageRef top = get(r, "axios", "1.4.0");
        assertThat(top.line()).isEqualTo(3183);
        assertThat(top.relationship()).isEqualTo(Relationship.DIRECT);
        PackageRef nested = get(r, "axios", "0.26.1");
        assertThat(nested.line()).isEqualTo(12007);
        assertThat(nested.relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(r.packages()).filteredOn(p -> p.relationship() == Relationship.DIRECT).hasSize(67);
        assertThat(r.packages()).filteredOn(PackageRef::dev).hasSize(359);
        assertThat(r.packages()).anyMatch(p -> p.name().equals("@babel/traverse") && p.version().equals("7.22.8"));
    }

    @Test
    void cycloneDxGoSbomKeepsVPrefixAndMarksDirectFromGraph() {
        Path f = shared(dir, "CycloneDX_bom-examples_aaa24717f310_proton-bridge-v1.8.0.bom.json");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("CycloneDX JSON");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(201).allSatisfy(p -> {
            assertThat(p.ecosystem()).isEqualTo(Ecosystem.GO);
            assertThat(p.version()).startsWith("v");
        });
        PackageRef net = get(r, "golang.org/x/net", "v0.0.0-20210405180319-a5a99cb37ef4");
        assertThat(net.line()).isEqualTo(lineOf(f, "\"bom-ref\": \"pkg:golang/golang.org/x/net@") - 1);
        assertThat(r.packages()).filteredOn(p -> p.relationship() == Relationship.DIRECT).hasSize(56);
    }

    @Test
    void poetryLock2HasNoCategoryAndKeepsHeaderLines() {
        Path f = shared(dir, "fastapi_full-stack-fastapi-template_5e5e4edd8c34_poetry.lock");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("poetry.lock");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(95).noneMatch(PackageRef::dev);
        PackageRef fastapi = get(r, "fastapi", "0.104.1");
        assertThat(fastapi.line()).isEqualTo(lineOf(f, "name = \"fastapi\"") - 1);
        get(r, "idna", "3.6");
        assertThat(r.notes()).anyMatch(n -> n.contains("no dev/main category"));
    }

    @Test
    void uvLockSkipsTheEditableProjectAndUsesItsDependenciesAsDirect() {
        Path f = shared(dir, "fastapi_full-stack-fastapi-template_81048277c778_uv.lock");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("uv.lock");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(80).noneMatch(p -> p.name().equals("app"));
        PackageRef fastapi = r.packages().stream().filter(p -> p.name().equals("fastapi")).findFirst().orElseThrow();
        assertThat(fastapi.relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(fastapi.dev()).isFalse();
        PackageRef alembic = get(r, "alembic", "1.13.2");
        assertThat(alembic.line()).isEqualTo(lineOf(f, "name = \"alembic\"") - 1);
        PackageRef pytest = r.packages().stream().filter(p -> p.name().equals("pytest")).findFirst().orElseThrow();
        assertThat(pytest.dev()).isTrue();
        assertThat(pytest.relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(r.packages()).anyMatch(p -> p.relationship() == Relationship.TRANSITIVE);
        assertThat(r.notes()).anyMatch(n -> n.contains("local project"));
    }

    @Test
    void cargoLockV2WithBuildMetadataAndWorkspaceRoot() {
        Path f = shared(dir, "ogham_exa_03cd3a81ff00_Cargo.lock");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("Cargo.lock");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(42).allMatch(p -> p.ecosystem() == Ecosystem.CRATES_IO);
        PackageRef openssl = get(r, "openssl-src", "111.12.0+1.1.1h");
        assertThat(openssl.line()).isEqualTo(lineOf(f, "name = \"openssl-src\"") - 1);
        get(r, "libgit2-sys", "0.12.14+1.1.0");
        assertThat(get(r, "git2", "0.13.11").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "openssl-src", "111.12.0+1.1.1h").relationship()).isEqualTo(Relationship.TRANSITIVE);
    }

    @Test
    void yarnV1WithMultiSpecifierHeadersAndScopedNames() {
        Path f = shared(dir, "vuejs_vue-hackernews-2.0_c2412ccdef10_yarn.lock");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("yarn.lock");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(818).allMatch(p -> p.ecosystem() == Ecosystem.NPM);
        assertThat(get(r, "lodash", "4.17.5").line()).isEqualTo(lineOf(f, "lodash@^4.14.0, lodash@^4.17.4"));
        get(r, "minimist", "0.0.8");
        get(r, "minimist", "1.2.0");
        assertThat(get(r, "@firebase/app", "0.1.10").line()).isEqualTo(10);
    }

    @Test
    void pnpm6SingleProjectWithPeerSuffixes() {
        Path f = shared(dir, "antfu_ni_0d37c5c2d2b0_pnpm-lock.yaml");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("pnpm-lock.yaml");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(553).allMatch(PackageRef::dev);
        PackageRef eslintConfig = get(r, "@antfu/eslint-config", "2.0.0");
        assertThat(eslintConfig.line()).isEqualTo(90);
        assertThat(eslintConfig.relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "@ampproject/remapping", "2.2.0").relationship()).isEqualTo(Relationship.TRANSITIVE);
        get(r, "vite", "3.2.3");
        get(r, "semver", "5.7.1");
        assertThat(r.packages()).allSatisfy(p -> assertThat(p.version()).doesNotContain("(", "/"));
    }

    @Test
    void goModWithTwoRequireBlocksAndGoDirectiveAsStdlib() {
        Path f = shared(dir, "bxcodec_go-clean-arch_e06c6d0cb370_go.mod");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("go.mod");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(29).allMatch(p -> p.ecosystem() == Ecosystem.GO);
        PackageRef stdlib = get(r, "stdlib", "1.20.0");
        assertThat(stdlib.line()).isEqualTo(3);
        PackageRef echo = get(r, "github.com/labstack/echo/v4", "v4.11.4");
        assertThat(echo.relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(echo.line()).isEqualTo(lineOf(f, "labstack/echo/v4"));
        PackageRef crypto = get(r, "golang.org/x/crypto", "v0.19.0");
        assertThat(crypto.relationship()).isEqualTo(Relationship.TRANSITIVE);
        get(r, "github.com/davecgh/go-spew", "v1.1.2-0.20180830191138-d8f796af33cc");
        get(r, "gopkg.in/go-playground/validator.v9", "v9.31.0");
    }

    @Test
    void pomResolvesPropertiesAndDependencyManagementAndNamesTheBom() {
        Path f = shared(dir, "yangzongzhuan_RuoYi_59ad2b1d5edd_pom.xml");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("pom.xml");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).allMatch(p -> p.ecosystem() == Ecosystem.MAVEN)
                .allSatisfy(p -> assertThat(p.version()).doesNotContain("${"))
                .noneMatch(p -> p.name().startsWith("com.ruoyi:"))
                .noneMatch(p -> p.name().equals("org.springframework.boot:spring-boot-dependencies"));
        PackageRef fastjson = get(r, "com.alibaba:fastjson", "1.2.74");
        assertThat(fastjson.line()).isEqualTo(lineOf(f, "<artifactId>fastjson</artifactId>") - 2);
        get(r, "commons-io:commons-io", "2.5");
        get(r, "commons-fileupload:commons-fileupload", "1.3.3");
        get(r, "org.apache.velocity:velocity", "1.7");
        assertThat(r.packages()).anyMatch(p -> p.name().startsWith("org.apache.shiro:") && p.version().equals("1.7.0"));
        assertThat(r.notes()).anyMatch(n -> n.contains("spring-boot-dependencies") && n.contains("not resolved"));
        assertThat(r.notes()).anyMatch(n -> n.contains("own modules"));
    }

    @Test
    void gemfileLockSpecsWithDirectFromDependencies() {
        Path f = shared(dir, "OWASP_railsgoat_45a394487f23_Gemfile.lock");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("Gemfile.lock");
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(140).allMatch(p -> p.ecosystem() == Ecosystem.RUBYGEMS);
        PackageRef actionpack = get(r, "actionpack", "6.0.0");
        assertThat(actionpack.line()).isEqualTo(lineOf(f, "    actionpack (6.0.0)"));
        assertThat(actionpack.relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(get(r, "rails", "6.0.0").relationship()).isEqualTo(Relationship.DIRECT);
        get(r, "nokogiri", "1.10.5");
        get(r, "puma", "4.2.1");
    }
}
