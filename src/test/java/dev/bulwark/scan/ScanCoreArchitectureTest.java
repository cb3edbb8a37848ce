package dev.bulwark.scan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Direct checks (plain JUnit, so they always run) that the scanner core stays UI-free and that its layers
 * point inwards: model ← osv ← match ← backend/policy/report ← engine.
 */
class ScanCoreArchitectureTest {
    private static final JavaClasses SCAN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.scan");

    @Test
    void scanCoreIsUiFreeAndNeverReachesUp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.bulwark.ui..",
                "dev.bulwark.app..", "dev.bulwark.cli..").check(SCAN);
    }

    @Test
    void lowerLayersDoNotDependOnHigherOnes() {
        noClasses().that().resideInAPackage("dev.bulwark.scan.osv..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.bulwark.scan.match..", "dev.bulwark.scan.backend..",
                        "dev.bulwark.scan.report..", "dev.bulwark.scan.policy..").check(SCAN);
        noClasses().that().resideInAPackage("dev.bulwark.scan.match..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.bulwark.scan.backend..", "dev.bulwark.scan.report..",
                        "dev.bulwark.scan.policy..").check(SCAN);
        noClasses().that().resideInAnyPackage("dev.bulwark.scan.backend..", "dev.bulwark.scan.policy..",
                "dev.bulwark.scan.report..").should().dependOnClassesThat()
                .haveFullyQualifiedName(VulnerabilityScanner.class.getName()).check(SCAN);
    }
}
