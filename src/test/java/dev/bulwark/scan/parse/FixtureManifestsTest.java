package dev.bulwark.scan.parse;

import static dev.bulwark.scan.parse.TestManifests.find;
import static dev.bulwark.scan.parse.TestManifests.fixture;
import static dev.bulwark.scan.parse.TestManifests.get;
import static dev.bulwark.scan.parse.TestManifests.lineOf;
import static dev.bulwark.scan.parse.TestManifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import dev.bulwark.scan.model.UnpinnedRequirement;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Formats and edge cases the shared real files lack, on small committed fixtures. */
class FixtureManifestsTest {

    @Test
    void poetry1CategoryMarksDevAndGitSourcesAreUnpinned() {
        Path f = fixture("poetry1/poetry.lock");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::name).containsExactly("django", "pytest", "zope-interface");
        assertThat(get(r, "pytest", "6.2.5").dev()).isTrue();
        assertThat(get(r, "django", "2.2.27").dev()).isFalse();
        assertThat(get(r, "django", "2.2.27").line()).isEqualTo(1);
        assertThat(get(r, "zope-interface", "5.4.0").line()).isEqualTo(lineOf(f, "name = \"zope.interface\"") - 1);
        assertThat(r.unpinned()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("my-lib");
            assertThat(u.specifier()).startsWith("git source");
        });
        assertThat(r.notes()).noneMatch(n -> n.contains("no dev/main category"));
    }

    @Test
    void packageLockV1NestedTreeAliasesAndGitDependencies() {
        Path f = fixture("npm-v1/package-lock.json");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactlyInAnyOrder(
                "npm/lodash@4.17.15", "npm/mkdirp@0.5.1", "npm/minimist@0.0.8", "npm/@types/node@12.0.0",
                "npm/new-name@2.1.0");
        assertThat(get(r, "minimist", "0.0.8").line()).isEqualTo(lineOf(f, "\"minimist\": {"));
        assertThat(get(r, "@types/node", "12.0.0").dev()).isTrue();
        assertThat(r.packages()).allMatch(p -> p.relationship() == Relationship.UNKNOWN);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 dependencies resolved from git"));
    }

    @Test
    void packageLockV2PrefersPackagesAndSkipsLinksAndWorkspaces() {
        Path f = fixture("npm-v2/package-lock.json");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "npm/express@4.17.1", "npm/jest@27.0.6", "npm/qs@6.7.0", "npm/qs@6.5.2", "npm/string-width@4.2.3");
        assertThat(get(r, "express", "4.17.1").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "jest", "27.0.6").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "jest", "27.0.6").dev()).isTrue();
        assertThat(get(r, "qs", "6.5.2").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(get(r, "qs", "6.5.2").line()).isEqualTo(lineOf(f, "node_modules/express/node_modules/qs"));
        assertThat(r.notes()).anyMatch(n -> n.contains("linked")).anyMatch(n -> n.contains("workspace folder"));
    }

    @Test
    void yarnBerryUsesResolutionsAndSkipsWorkspaces() {
        Path f = fixture("yarn-berry/yarn.lock");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "npm/@babel/code-frame@7.22.5", "npm/lodash@4.17.20", "npm/resolve@1.22.2");
        assertThat(get(r, "lodash", "4.17.20").line()).isEqualTo(lineOf(f, "\"lodash@npm:4.17.20\":"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 workspace"));
    }

    @Test
    void pnpm9KeysSnapshotsAndDevByReachability() {
        Path f = fixture("pnpm9/pnpm-lock.yaml");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "npm/js-tokens@4.0.0", "npm/loose-envify@1.4.0", "npm/react-dom@18.2.0", "npm/react@18.2.0",
                "npm/@vitest/runner@1.0.4", "npm/vitest@1.0.4");
        assertThat(get(r, "react-dom", "18.2.0").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "react", "18.2.0").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(get(r, "react", "18.2.0").dev()).isFalse();
        assertThat(get(r, "js-tokens", "4.0.0").dev()).isFalse();
        assertThat(get(r, "vitest", "1.0.4").dev()).isTrue();
        assertThat(get(r, "@vitest/runner", "1.0.4").dev()).isTrue();
        assertThat(get(r, "@vitest/runner", "1.0.4").line()).isEqualTo(lineOf(f, "'@vitest/runner@1.0.4':"));
    }

    @Test
    void pnpm5SlashKeysWithPeerSuffixesAndGitTarballs() {
        Path f = fixture("pnpm5/pnpm-lock.yaml");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "npm/@babel/core@7.12.3", "npm/react-dom@16.14.0", "npm/react@16.14.0", "npm/string_decoder@1.1.1");
        assertThat(get(r, "@babel/core", "7.12.3").dev()).isTrue();
        assertThat(get(r, "@babel/core", "7.12.3").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "react-dom", "16.14.0").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "react", "16.14.0").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 git, directory or file"));
    }

    @Test
    void cargoV1WithMetadataChecksumsAndVersionedDependencyEntries() {
        ManifestResult r = parse(fixture("cargo-v1/Cargo.lock"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "crates.io/libc@0.2.51", "crates.io/smallvec@0.6.9", "crates.io/time@0.1.42");
        assertThat(get(r, "smallvec", "0.6.9").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "libc", "0.2.51").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(get(r, "time", "0.1.42").line()).isEqualTo(19);
    }

    @Test
    void cargoV3GitAndOtherRegistriesAndTwoVersionsOfOneCrate() {
        ManifestResult r = parse(fixture("cargo-v3/Cargo.lock"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "crates.io/regex@1.5.4", "crates.io/tokio@0.2.25", "crates.io/tokio@1.18.0");
        assertThat(get(r, "tokio", "1.18.0").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "tokio", "0.2.25").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(r.unpinned()).singleElement().satisfies(u -> assertThat(u.specifier()).startsWith("git source"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 packages from registries other than crates.io"));
    }

    @Test
    void cargoV4SparseIndex() {
        ManifestResult r = parse(fixture("cargo-v4/Cargo.lock"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).singleElement().satisfies(p -> {
            assertThat(p.coordinates()).isEqualTo("crates.io/hashbrown@0.15.2");
            assertThat(p.relationship()).isEqualTo(Relationship.DIRECT);
            assertThat(p.line()).isEqualTo(5);
        });
    }

    @Test
    void composerLockRuntimeDevAndBranchVersions() {
        Path f = fixture("composer/composer.lock");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "Packagist/guzzlehttp/guzzle@7.4.1", "Packagist/monolog/monolog@2.3.5", "Packagist/phpunit/phpunit@9.5.10");
        assertThat(get(r, "phpunit/phpunit", "9.5.10").dev()).isTrue();
        assertThat(get(r, "guzzlehttp/guzzle", "7.4.1").line()).isEqualTo(lineOf(f, "\"name\": \"guzzlehttp/guzzle\"") - 1);
        assertThat(r.unpinned()).singleElement().satisfies(u -> assertThat(u.specifier()).contains("dev-main"));
    }

    @Test
    void requirementsIncludesConstraintsExtrasMarkersAndUnpinnedLines() {
        Path f = fixture("requirements-includes/requirements.txt");
        Path base = f.resolveSibling("base.txt");
        Path constraints = f.resolveSibling("constraints.txt");
        ManifestResult r = parse(f);
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactlyInAnyOrder(
                "PyPI/django@3.2.4", "PyPI/flask@2.0.1", "PyPI/requests@2.25.1", "PyPI/urllib3@1.26.4");
        PackageRef django = get(r, "django", "3.2.4");
        assertThat(django.file()).isEqualTo(base);
        assertThat(django.line()).isEqualTo(1);
        assertThat(django.relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "requests", "2.25.1").line()).isEqualTo(lineOf(f, "requests[security,socks]"));
        PackageRef urllib3 = get(r, "urllib3", "1.26.4");
        assertThat(urllib3.file()).isEqualTo(constraints);
        assertThat(urllib3.line()).isEqualTo(1);
        assertThat(r.unpinned()).extracting(UnpinnedRequirement::name)
                .containsExactlyInAnyOrder("internal-tool", "celery", "pkg", "jinja2");
        assertThat(r.unpinned()).filteredOn(u -> u.name().equals("celery")).singleElement()
                .satisfies(u -> assertThat(u.specifier()).isEqualTo(">=5.0,<6"));
        assertThat(r.errors()).extracting(e -> e.file().getFileName().toString() + ":" + e.line())
                .containsExactlyInAnyOrder("requirements.txt:" + lineOf(f, "this is not"),
                        "requirements.txt:" + lineOf(f, "missing.txt"), "base.txt:2");
        assertThat(r.errors()).anyMatch(e -> e.message().contains("cycle"))
                .anyMatch(e -> e.message().contains("missing.txt") && e.message().contains("not found"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 constraint pins"))
                .anyMatch(n -> n.startsWith("1 requirements carry environment markers"));
    }

    @Test
    void goModReplaceToModuleAndToLocalDirectory() {
        Path f = fixture("gomod-replace/go.mod");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "Go/stdlib@1.21.3", "Go/github.com/gin-gonic/gin@v1.7.0", "Go/golang.org/x/net@v0.17.0",
                "Go/github.com/quoted/mod@v1.2.3");
        PackageRef net = get(r, "golang.org/x/net", "v0.17.0");
        assertThat(net.line()).isEqualTo(lineOf(f, "replace golang.org/x/net"));
        assertThat(net.relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(r.notes()).anyMatch(n -> n.contains("example.com/internal/lib") && n.contains("local directory"));
    }

    @Test
    void pomWithParentSaysItIsNotResolvedAndListsWhatIsUnknownAsUnpinned() {
        Path f = fixture("pom-parent/pom.xml");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "Maven/com.fasterxml.jackson.core:jackson-databind@2.9.8", "Maven/org.yaml:snakeyaml@1.26",
                "Maven/junit:junit@4.12");
        assertThat(get(r, "junit:junit", "4.12").dev()).isTrue();
        assertThat(get(r, "org.yaml:snakeyaml", "1.26").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(r.unpinned()).extracting(UnpinnedRequirement::name).containsExactly(
                "org.springframework.boot:spring-boot-starter-web", "com.google.guava:guava", "org.example:uses-parent-property");
        assertThat(r.notes()).anyMatch(n -> n.contains("spring-boot-starter-parent") && n.contains("not resolved"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("1 dependencies declared inside <profiles>"));
        assertThat(r.notes()).anyMatch(n -> n.contains("own modules"));
    }

    @Test
    void pomWithExternalEntityIsRefusedWithoutReadingTheEntity() {
        Path f = fixture("pom-xxe/pom.xml");
        ManifestResult r = parse(f);
        assertThat(r.packages()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(f);
            assertThat(e.message()).containsAnyOf("entity", "DTD", "DOCTYPE");
        });
    }

    @Test
    void gemfileLockPlatformsAndGitPathSources() {
        Path f = fixture("gemfile-sources/Gemfile.lock");
        ManifestResult r = parse(f);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "RubyGems/nokogiri@1.13.10", "RubyGems/racc@1.6.2", "RubyGems/rack@2.2.3");
        assertThat(get(r, "nokogiri", "1.13.10").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "racc", "1.6.2").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(r.unpinned()).extracting(UnpinnedRequirement::name).containsExactly("edge-gem", "admin");
        assertThat(find(r, "edge-gem", "7.1.0.alpha")).isEmpty();
        assertThat(r.packages()).allMatch(p -> p.ecosystem() == Ecosystem.RUBYGEMS);
    }

    @Test
    void cycloneDxPurlsOfEveryEcosystemNestedComponentsAndTheGraph() {
        Path f = fixture("cyclonedx/app.cdx.json");
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("CycloneDX JSON");
        assertThat(r.packages()).extracting(PackageRef::coordinates).containsExactly(
                "npm/@angular/core@8.2.14", "PyPI/zope-interface@5.4.0", "Maven/org.springframework:spring-web@5.3.18",
                "crates.io/openssl-src@111.12.0+1.1.1h", "RubyGems/rack@2.2.3", "Packagist/guzzlehttp/guzzle@7.4.1");
        assertThat(get(r, "@angular/core", "8.2.14").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "rack", "2.2.3").relationship()).isEqualTo(Relationship.TRANSITIVE);
        PackageRef nested = get(r, "openssl-src", "111.12.0+1.1.1h");
        assertThat(nested.dev()).isTrue();
        assertThat(nested.line()).isEqualTo(lineOf(f, "\"bom-ref\": \"maven-spring\"") - 2);
        assertThat(r.unpinned()).singleElement().satisfies(u -> assertThat(u.name()).isEqualTo("requests"));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("not-a-purl"));
        assertThat(r.notes()).anyMatch(n -> n.contains("'deb'")).anyMatch(n -> n.startsWith("1 components without a package URL"));
    }
}
