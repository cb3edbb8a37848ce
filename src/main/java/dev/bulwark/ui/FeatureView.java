package dev.bulwark.ui;

import javafx.scene.Parent;

/** A view shown in the main window's content area. Built lazily, on first selection. */
public interface FeatureView {
    /** The root node; called once, on the FX thread. */
    Parent root();
}
