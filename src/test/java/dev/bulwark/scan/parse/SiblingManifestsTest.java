package dev.bulwark.scan.parse;

import static dev.bulwark.scan.parse.TestManifests.fixture;
import static dev.bulwark.scan.parse.TestManifests.get;
import static dev.bulwark.scan.parse.TestManifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lockfiles that do not say what is direct learn it from the project manifest beside them. */
class SiblingManifestsTest {
    @TempDir
    Path dir;

    private Path copy(String fixture, String sibling, String siblingContent) throws IOException {
        Path lock = Files.copy(fixture(fixture), dir.resolve(fixture(fixture).getFileName()));
        Files.writeString(dir.resolve(sibling), siblingContent);
        return lock;
    }

    @Test
    void yarnV1DirectWhenAHeaderRangeIsThePackageJsonRange() throws IOException {
        Path lock = dir.resolve("yarn.lock");
        Files.writeString(lock, """
                # yarn lockfile v1


                lodash@^4.17.4, lodash@^4.17.5:
                  version "4.17.5"

                minimist@0.0.8:
                  version "0.0.8"

                minimist@^1.2.0:
                  version "1.2.0"
                """);
        Files.writeString(dir.resolve("package.json"), """
                {"dependencies": {"lodash": "^4.17.5"}, "devDependencies": {"minimist": "^1.2.0"}}
                """);
        ManifestResult r = parse(lock);
        assertThat(get(r, "lodash", "4.17.5").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "lodash", "4.17.5").dev()).isFalse();
        assertThat(get(r, "minimist", "1.2.0").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "minimist", "1.2.0").dev()).isTrue();
        assertThat(get(r, "minimist", "0.0.8").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(r.notes()).noneMatch(n -> n.contains("does not say"));
    }

    @Test
    void yarnBerryMatchesNpmProtocolRanges() throws IOException {
        Path lock = copy("yarn-berry/yarn.lock", "package.json", "{\"dependencies\": {\"@babel/code-frame\": \"^7.22.5\"}}");
        ManifestResult r = parse(lock);
        assertThat(get(r, "@babel/code-frame", "7.22.5").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "lodash", "4.17.20").relationship()).isEqualTo(Relationship.TRANSITIVE);
    }

    @Test
    void workspacesLeaveRelationshipsUnknown() throws IOException {
        Path lock = copy("yarn-berry/yarn.lock", "package.json", "{\"workspaces\": [\"packages/*\"]}");
        ManifestResult r = parse(lock);
        assertThat(r.packages()).allMatch(p -> p.relationship() == Relationship.UNKNOWN);
        assertThat(r.notes()).anyMatch(n -> n.contains("workspaces"));
    }

    @Test
    void packageLockV1TopLevelEntriesNamedInPackageJsonAreDirect() throws IOException {
        Path lock = copy("npm-v1/package-lock.json", "package.json",
                "{\"dependencies\": {\"mkdirp\": \"^0.5.1\", \"old-name\": \"npm:new-name@^2\"}}");
        ManifestResult r = parse(lock);
        assertThat(get(r, "mkdirp", "0.5.1").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "new-name", "2.1.0").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "minimist", "0.0.8").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(get(r, "lodash", "4.17.15").relationship()).isEqualTo(Relationship.TRANSITIVE);
    }

    @Test
    void poetry2WithPyprojectTellsDirectAndDevByReachability() throws IOException {
        Path lock = dir.resolve("poetry.lock");
        Files.writeString(lock, """
                [[package]]
                name = "fastapi"
                version = "0.104.1"

                [package.dependencies]
                starlette = ">=0.27.0,<0.28.0"

                [[package]]
                name = "starlette"
                version = "0.27.0"

                [[package]]
                name = "pytest"
                version = "7.4.3"

                [package.dependencies]
                pluggy = ">=0.12,<2.0"

                [[package]]
                name = "pluggy"
                version = "1.3.0"

                [metadata]
                lock-version = "2.0"
                """);
        Files.writeString(dir.resolve("pyproject.toml"), """
                [tool.poetry.dependencies]
                python = "^3.10"
                FastAPI = "^0.104.1"

                [tool.poetry.group.dev.dependencies]
                pytest = "^7.4.3"
                """);
        ManifestResult r = parse(lock);
        assertThat(r.packages()).extracting(p -> p.name() + ":" + p.relationship() + ":" + (p.dev() ? "dev" : "run"))
                .containsExactly("fastapi:DIRECT:run", "starlette:TRANSITIVE:run", "pytest:DIRECT:dev",
                        "pluggy:TRANSITIVE:dev");
        assertThat(r.notes()).noneMatch(n -> n.contains("no dev/main category"));
    }

    @Test
    void pep621PyprojectListsDirectDependencies() throws IOException {
        Path lock = copy("poetry1/poetry.lock", "pyproject.toml", """
                [project]
                name = "x"
                dependencies = ["Django>=2.2,<3", "zope.interface ; python_version > '3'"]
                """);
        ManifestResult r = parse(lock);
        assertThat(get(r, "django", "2.2.27").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "zope-interface", "5.4.0").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(r, "pytest", "6.2.5").relationship()).isEqualTo(Relationship.TRANSITIVE);
        assertThat(get(r, "pytest", "6.2.5").dev()).isTrue();
    }

    @Test
    void composerJsonAndPipfileMarkDirectPackages() throws IOException {
        Path composer = copy("composer/composer.lock", "composer.json",
                "{\"require\": {\"php\": \">=8.0\", \"Guzzlehttp/Guzzle\": \"^7.4\"}, \"require-dev\": {\"phpunit/phpunit\": \"^9\"}}");
        ManifestResult c = parse(composer);
        assertThat(get(c, "guzzlehttp/guzzle", "7.4.1").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(c, "phpunit/phpunit", "9.5.10").relationship()).isEqualTo(Relationship.DIRECT);
        assertThat(get(c, "monolog/monolog", "2.3.5").relationship()).isEqualTo(Relationship.TRANSITIVE);

        Path sub = Files.createDirectories(dir.resolve("pipenv"));
        Path pipLock = Files.writeString(sub.resolve("Pipfile.lock"), """
                {"_meta": {"pipfile-spec": 6}, "default": {"requests": {"version": "==2.23.0"},
                 "idna": {"version": "==2.9"}}, "develop": {"pytest": {"version": "==5.4.1"}}}
                """);
        Files.writeString(sub.resolve("Pipfile"), "[packages]\nRequests = \"*\"\n\n[dev-packages]\npytest = \"*\"\n");
        ManifestResult p = parse(pipLock);
        assertThat(p.packages()).extracting(x -> x.name() + ":" + x.relationship())
                .containsExactly("requests:DIRECT", "idna:TRANSITIVE", "pytest:DIRECT");
    }

    @Test
    void aBrokenSiblingIsNamedInANoteAndTheLockfileStillParses() throws IOException {
        Path lock = copy("yarn-berry/yarn.lock", "package.json", "{\"dependencies\": {");
        ManifestResult r = parse(lock);
        assertThat(r.errors()).isEmpty();
        assertThat(r.packages()).hasSize(3).allMatch(p -> p.relationship() == Relationship.UNKNOWN);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("package.json beside the lockfile could not be read"));
    }

}
