package dev.bulwark.scan.parse;

import java.util.List;

/** The registry of implemented manifest parsers, in detection order. */
final class Parsers {
    private Parsers() {
    }

    static List<ManifestParser> all(Parsing parsing) {
        return List.of(
                new RequirementsTxtParser(parsing),
                new PipfileLockParser(parsing),
                new PoetryLockParser(parsing),
                new UvLockParser(parsing),
                new PackageLockParser(parsing),
                new YarnLockParser(),
                new PnpmLockParser(parsing),
                new GoModParser(),
                new CargoLockParser(parsing),
                new PomParser(parsing),
                new GemfileLockParser(),
                new ComposerLockParser(parsing),
                new CycloneDxParser(parsing));
    }
}
