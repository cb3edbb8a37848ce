package dev.bulwark.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every reported failure and shows it in an error dialog whose details (stack trace) can be copied.
 * At most a few dialogs are open at once so a failure storm cannot bury the window; the rest are logged.
 */
public final class FxErrorReporter implements ErrorReporter {
    private static final Logger LOG = LoggerFactory.getLogger(FxErrorReporter.class);
    private static final int MAX_OPEN_DIALOGS = 3;
    static final ButtonType COPY = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);

    private final AtomicInteger open = new AtomicInteger();

    @Override
    public void report(String context, Throwable error) {
        LOG.error("{}", context, error);
        if (open.get() >= MAX_OPEN_DIALOGS) {
            LOG.warn("Not showing another error dialog ({} already open); see the log", open.get());
            return;
        }
        if (Platform.isFxApplicationThread()) {
            show(context, error);
        } else {
            try {
                Platform.runLater(() -> show(context, error));
            } catch (IllegalStateException toolkitGone) {
                LOG.warn("FX toolkit not running; error only logged", toolkitGone);
            }
        }
    }

    private void show(String context, Throwable error) {
        open.incrementAndGet();
        String details = details(context, error);
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE, COPY);
        alert.setTitle("Bulwark — error");
        alert.setHeaderText(context);
        alert.setContentText(String.valueOf(error.getMessage() == null ? error.getClass().getName() : error.getMessage()));
        TextArea area = new TextArea(details);
        area.setId("error-details");
        area.setEditable(false);
        area.setWrapText(false);
        area.setPrefRowCount(14);
        VBox.setVgrow(area, Priority.ALWAYS);
        alert.getDialogPane().setExpandableContent(new VBox(area));
        Button copy = (Button) alert.getDialogPane().lookupButton(COPY);
        copy.setId("error-copy");
        copy.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(details);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
            e.consume();
        });
        alert.setOnHidden(e -> open.decrementAndGet());
        alert.show();
    }

    /** The text copied by "Copy details": context and stack trace. */
    static String details(String context, Throwable error) {
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        pw.println(context);
        error.printStackTrace(pw);
        pw.flush();
        return sw.toString();
    }
}
