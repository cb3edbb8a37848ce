package dev.bulwark.scan.parse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The parsers stay a UI-free core, checked directly (also covered by the project-wide ArchUnit rules). */
class ParsePackageArchitectureTest {

    @Test
    void parsersDependOnNoUiAppOrCli() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.bulwark.scan.parse");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.bulwark.ui..",
                "dev.bulwark.app..", "dev.bulwark.cli..").check(classes);
    }
}
