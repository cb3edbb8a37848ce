package dev.bulwark.ui.scan;

import dev.bulwark.scan.match.Severity;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** A small coloured label for a severity; colours come from the theme's looked-up colours (scan.css). */
public final class SeverityChip {
    /** The stylesheet with the chips' colours. */
    public static final String STYLESHEET = java.util.Objects.requireNonNull(
            SeverityChip.class.getResource("/dev/bulwark/ui/scan/scan.css")).toExternalForm();

    private SeverityChip() {
    }

    /** A chip for {@code s}; needs scan.css ({@link #STYLESHEET}) on the scene or an ancestor. */
    public static Label of(Severity s) {
        Label chip = new Label(s.label());
        chip.setMinWidth(Region.USE_PREF_SIZE);
        chip.getStyleClass().addAll("severity-chip", "severity-" + s.label());
        return chip;
    }
}
