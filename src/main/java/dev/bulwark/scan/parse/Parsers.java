package dev.bulwark.scan.parse;

import java.util.List;

/** The registry of implemented manifest parsers, in detection order. */
final class Parsers {
    private Parsers() {
    }

    static List<ManifestParser> all(Parsing parsing) {
        SiblingManifests siblings = new SiblingManifests(parsing);
        return List.of(
                new RequirementsTxtParser(parsing),
                new PipfileLockParser(parsing, siblings),
                new PoetryLockParser(parsing, siblings),
                new UvLockParser(parsing),
                new PackageLockParser(parsing, siblings),
                new YarnLockParser(siblings),
                new PnpmLockParser(parsing),
                new GoModParser(),
                new CargoLockParser(parsing),
                new PomParser(parsing),
                new GemfileLockParser(),
                new ComposerLockParser(parsing, siblings),
                new CycloneDxParser(parsing));
    }
}
