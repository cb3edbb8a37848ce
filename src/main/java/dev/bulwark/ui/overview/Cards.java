package dev.bulwark.ui.overview;

import atlantafx.base.theme.Styles;
import dev.bulwark.ui.ViewId;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Overview's card frame: a title with the view's icon, the card's button on the right, then the body. */
final class Cards {
    private Cards() {
    }

    static VBox card(String title, ViewId view, String id, Button action, Node body) {
        FontIcon icon = new FontIcon(view.icon());
        icon.getStyleClass().add("overview-card-icon");
        Label heading = new Label(title, icon);
        heading.getStyleClass().add(Styles.TITLE_4);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        action.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.ACCENT);
        HBox head = new HBox(8, heading, gap, action);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(10, head, body);
        card.setId(id);
        card.getStyleClass().add("overview-card");
        card.setMaxHeight(Double.MAX_VALUE);
        return card;
    }
}
