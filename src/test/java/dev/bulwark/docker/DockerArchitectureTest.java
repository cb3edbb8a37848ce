package dev.bulwark.docker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The docker core's layering, checked with ArchUnit's plain API: the shared {@code ArchitectureTest}'s
 * {@code @ArchTest} fields report "Tests run: 0" under this Surefire set-up, so this makes sure the rules
 * really run for this package.
 */
class DockerArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.docker");

    @Test
    void coreIsUiFreeAndPointsInwards() {
        assertThat(CORE.size()).isGreaterThan(30);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..",
                "eu.hansolo..", "atlantafx..", "org.kordamp.ikonli..", "dev.bulwark.ui..", "dev.bulwark.app..",
                "dev.bulwark.cli..").check(CORE);
    }

    @Test
    void onlyTheAdapterKnowsDockerJava() {
        noClasses().that().resideOutsideOfPackage("dev.bulwark.docker.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..").check(CORE);
    }
}
