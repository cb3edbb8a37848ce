package dev.bulwark.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The feature cores stay UI-free and never reach up into the UI or the composition root. */
@AnalyzeClasses(packages = "dev.bulwark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORES = {
            "dev.bulwark.scan..", "dev.bulwark.ratelimit..", "dev.bulwark.docker..", "dev.bulwark.gateway..",
            "dev.bulwark.settings..", "dev.bulwark.util.."};

    @ArchTest
    static final ArchRule coresDoNotUseJavaFx = noClasses().that().resideInAnyPackage(CORES)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "eu.hansolo..",
                    "atlantafx..", "org.kordamp.ikonli..")
            .because("the feature cores are UI-free libraries usable from the CLI and tests");

    @ArchTest
    static final ArchRule coresDoNotDependOnUiOrApp = noClasses().that().resideInAnyPackage(CORES)
            .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.ui..", "dev.bulwark.app..",
                    "dev.bulwark.cli..")
            .because("dependencies point inwards: app -> ui/cli -> cores");

    @ArchTest
    static final ArchRule cliIsHeadless = noClasses().that().resideInAPackage("dev.bulwark.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.bulwark.ui..")
            .because("the CLI runs on machines without a display");

    @ArchTest
    static final ArchRule viewModelsNeverTouchNodes = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..")
            .because("view-models hold state and actions; only views wire nodes");
}
