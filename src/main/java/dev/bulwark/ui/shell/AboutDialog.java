package dev.bulwark.ui.shell;

import dev.bulwark.ui.TextColumns;
import atlantafx.base.theme.Styles;
import dev.bulwark.util.ThirdPartyNotices.Library;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** About Bulwark: version and build, the bundled libraries' licences, the advisory data's attribution. */
final class AboutDialog {
    private AboutDialog() {
    }

    static Dialog<Void> create(AboutModel about, Window owner) {
        Label name = new Label("Bulwark " + about.build().version());
        name.getStyleClass().add(Styles.TITLE_3);
        GridPane facts = new GridPane(12, 4);
        facts.setId("about-facts");
        int row = 0;
        facts.addRow(row++, muted("Commit"), value("about-commit",
                about.build().commit() + (about.build().dirty() ? " (with uncommitted changes)" : "")));
        facts.addRow(row++, muted("Committed"), value("about-commit-time", about.build().commitTime()));
        facts.addRow(row++, muted("Built"), value("about-build-time", about.build().buildTime()));
        facts.addRow(row, muted("Runtime"), value("about-runtime", about.runtime()));

        TableView<Library> libs = new TableView<>(FXCollections.observableArrayList(about.notices().libraries()));
        libs.setId("about-licences");
        libs.getColumns().add(TextColumns.of("Library", 240, Library::name));
        libs.getColumns().add(TextColumns.of("Artifact", 260, Library::coords));
        libs.getColumns().add(TextColumns.of("Version", 110, Library::version));
        libs.getColumns().add(TextColumns.of("Licence", 220, Library::licence));
        libs.setPlaceholder(new Label("This build has no generated licence list (built outside Maven?)."));
        Label libsNote = muted(about.notices().libraries().size() + " bundled libraries, as the build found them in "
                + "their POMs.");
        libsNote.setWrapText(true);

        TextArea osv = new TextArea(about.osvAttribution());
        osv.setId("about-osv");
        osv.setEditable(false);
        osv.setWrapText(true);

        TabPane tabs = new TabPane(new Tab("Licences", new VBox(6, libsNote, libs)), new Tab("Advisory data", osv));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefSize(860, 380);

        VBox content = new VBox(12, name, facts, tabs);
        content.setPadding(new Insets(8, 4, 4, 4));
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("About Bulwark");
        d.getDialogPane().setId("about-dialog");
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        // A resizable dialog otherwise opens at the platform's default width (600 px under Xvfb), hiding the
        // licence column behind a scroll bar; ask for the content's width.
        d.getDialogPane().setPrefWidth(900);
        d.setResizable(true);
        return d;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private static Label value(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add("monospace");
        return l;
    }
}
