package dev.bulwark.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feature cores stay UI-free and never reach up into the UI or the composition root. Plain JUnit
 * tests calling {@code check}, so the rules run under any JUnit Platform engine set.
 */
class ArchitectureTest {
    private static final String[] CORES = {
            "dev.bulwark.scan..", "dev.bulwark.ratelimit..", "dev.bulwark.docker..", "dev.bulwark.gateway..",
            "dev.bulwark.settings..", "dev.bulwark.util.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.bulwark");
    }

    @Test
    void theImportSeesTheWholeApplication() {
        assertThat(classes.contain("dev.bulwark.app.Main")).isTrue();
        assertThat(classes.contain("dev.bulwark.settings.SettingsStore")).isTrue();
    }

    @Test
    void coresDoNotUseJavaFx() {
        noClasses().that().resideInAnyPackage(CORES)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "eu.hansolo..",
                        "atlantafx..", "org.kordamp.ikonli..")
                .because("the feature cores are UI-free libraries usable from the CLI and tests")
                .check(classes);
    }

    @Test
    void coresDoNotDependOnUiAppOrCli() {
        noClasses().that().resideInAnyPackage(CORES)
                .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.ui..", "dev.bulwark.app..",
                        "dev.bulwark.cli..")
                .because("dependencies point inwards: app -> ui/cli -> cores")
                .check(classes);
    }

    @Test
    void cliIsHeadless() {
        noClasses().that().resideInAPackage("dev.bulwark.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.bulwark.ui..")
                .because("the CLI runs on machines without a display")
                .check(classes);
    }

    @Test
    void viewModelsNeverTouchNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..")
                .because("view-models hold state and actions; only views wire nodes")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noStaticSingletonAccessors() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods()
                .that().areDeclaredInClassesThat().resideInAPackage("dev.bulwark..")
                .should().haveName("getInstance")
                .because("everything is built by constructor injection from one composition root")
                .allowEmptyShould(true)
                .check(classes);
    }
}
