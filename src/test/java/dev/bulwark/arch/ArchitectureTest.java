package dev.bulwark.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import eu.hansolo.tilesfx.Tile;
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

    /**
     * The shaded jar (pom.xml, the shade filters) and the app-image's jar leave out resources that only these
     * readers load: country flags and toolboxfx's fonts (the countries library), TilesFX's world-map paths (its
     * COUNTRY and WORLDMAP skins, CountryPath), the flags of TilesFX's Demo and BouncyCastle's Picnic tables.
     * Using any of them would fail only at run time in the installed app, so the build fails here instead.
     */
    @Test
    void noCodePathToTheTrimmedResources() {
        noClasses().that().resideInAPackage("dev.bulwark..")
                .should().dependOnClassesThat().resideInAnyPackage("eu.hansolo.fx.countries..",
                        "eu.hansolo.toolboxfx.font..", "org.bouncycastle.pqc..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("eu.hansolo.tilesfx.Demo")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("eu.hansolo.tilesfx.tools.CountryPath")
                .orShould().accessField(Tile.SkinType.class, "COUNTRY")
                .orShould().accessField(Tile.SkinType.class, "WORLDMAP")
                .because("the installer's jar does not hold the flags, fonts, map data and tables they read")
                .check(classes);
    }
}
