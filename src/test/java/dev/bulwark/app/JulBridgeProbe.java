package dev.bulwark.app;

import java.util.Arrays;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Run in a child JVM by {@link JulBridgeTest}: a start as the CLI's, then a java.util.logging record. */
public final class JulBridgeProbe {
    private JulBridgeProbe() {
    }

    public static void main(String[] args) {
        Main.prepare(false);
        Logger.getLogger("bulwark.probe").warning("a record sent through java.util.logging");
        System.out.println("root handlers: " + Arrays.toString(Arrays.stream(
                LogManager.getLogManager().getLogger("").getHandlers()).map(h -> h.getClass().getName()).toArray()));
    }
}
