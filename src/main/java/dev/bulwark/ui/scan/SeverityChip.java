package dev.bulwark.ui.scan;

import dev.bulwark.scan.match.Severity;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** A small coloured label for a severity; colours come from the theme's looked-up colours (scan.css). */
final class SeverityChip {
    private SeverityChip() {
    }

    static Label of(Severity s) {
        Label chip = new Label(s.label());
        chip.setMinWidth(Region.USE_PREF_SIZE);
        chip.getStyleClass().addAll("severity-chip", "severity-" + s.label());
        return chip;
    }
}
