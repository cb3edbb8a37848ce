package dev.bulwark.ui.placeholder;

import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.ViewId;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A view whose feature is not in this build yet: it says plainly what it will hold, and shows no data.
 */
public final class PlannedView implements FeatureView {
    private final ViewId view;
    private final String summary;
    private final List<String> willHold;

    public PlannedView(ViewId view, String summary, List<String> willHold) {
        this.view = view;
        this.summary = summary;
        this.willHold = List.copyOf(willHold);
    }

    @Override
    public Parent root() {
        FontIcon icon = new FontIcon(view.icon());
        icon.getStyleClass().add("planned-icon");
        Label title = new Label(view.title(), icon);
        title.getStyleClass().addAll("title-2", "view-title");
        Label state = new Label("Not available in this build yet — no data is shown here.");
        state.getStyleClass().addAll("planned-state", "text-muted");
        Label lead = new Label(summary);
        lead.setWrapText(true);
        lead.getStyleClass().add("text-bold");
        VBox items = new VBox(6);
        for (String item : willHold) {
            Label l = new Label("•  " + item);
            l.setWrapText(true);
            items.getChildren().add(l);
        }
        Label heading = new Label("This view will hold:");
        heading.getStyleClass().add("text-caption");
        VBox box = new VBox(14, title, state, lead, heading, items);
        box.setPadding(new Insets(28, 36, 28, 36));
        box.setMaxWidth(860);
        box.getStyleClass().add("planned-view");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }
}
