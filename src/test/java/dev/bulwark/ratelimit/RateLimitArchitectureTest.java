package dev.bulwark.ratelimit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The ratelimit core stays UI-free and points inwards. Checked here through plain Jupiter because the
 * shared {@code @ArchTest} suite currently reports zero tests run under surefire.
 */
class RateLimitArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.ratelimit");

    @Test
    void coreUsesNoUiAppOrCli() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..",
                "eu.hansolo..", "atlantafx..", "org.kordamp.ikonli..", "dev.bulwark.ui..", "dev.bulwark.app..",
                "dev.bulwark.cli..").check(CORE);
    }

    @Test
    void onlyTheRedisAdapterTalksToRedis() {
        noClasses().that().resideOutsideOfPackages("dev.bulwark.ratelimit.redis..", "dev.bulwark.ratelimit.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..").check(CORE);
    }
}
