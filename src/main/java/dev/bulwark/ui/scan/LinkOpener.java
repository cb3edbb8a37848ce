package dev.bulwark.ui.scan;

import java.io.IOException;
import java.net.URI;

/** Opens a reference URL in the user's browser; called off the FX thread. */
@FunctionalInterface
public interface LinkOpener {
    void open(URI uri) throws IOException;
}
