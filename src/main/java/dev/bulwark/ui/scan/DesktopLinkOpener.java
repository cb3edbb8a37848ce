package dev.bulwark.ui.scan;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/** Opens links with {@link Desktop#browse}; refuses plainly when there is no desktop or the scheme is not web. */
public final class DesktopLinkOpener implements LinkOpener {
    @Override
    public void open(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("not a web link: " + uri);
        }
        if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()
                || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
            throw new IOException("no system browser available to open " + uri);
        }
        Desktop.getDesktop().browse(uri);
    }
}
