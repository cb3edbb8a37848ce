package dev.bulwark.ui;

import java.util.Arrays;
import java.util.Optional;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The views of the navigation rail, in rail order; Ctrl+1..6 select them. */
public enum ViewId {
    OVERVIEW("overview", "Overview", Material2AL.DASHBOARD),
    CONTAINERS("containers", "Containers", Material2AL.LAYERS),
    VULNERABILITIES("vulnerabilities", "Vulnerabilities", Material2MZ.SECURITY),
    RATE_LIMITER("ratelimiter", "Rate limiter", Material2MZ.SPEED),
    GATEWAY("gateway", "Gateway", Material2MZ.SWAP_HORIZ),
    SETTINGS("settings", "Settings", Material2MZ.SETTINGS);

    private final String id;
    private final String title;
    private final Ikon icon;

    ViewId(String id, String title, Ikon icon) {
        this.id = id;
        this.title = title;
        this.icon = icon;
    }

    /** Stable id persisted in settings. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    /** 1-based position, the digit of its Ctrl shortcut. */
    public int shortcutDigit() {
        return ordinal() + 1;
    }

    public static Optional<ViewId> byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }
}
