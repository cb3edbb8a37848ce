package dev.bulwark.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** Read-only text columns of tables whose rows are immutable values (a finding, a library). */
public final class TextColumns {
    private TextColumns() {
    }

    /** A column titled {@code title}, {@code width} wide, showing {@code text} of each row. */
    public static <S> TableColumn<S, String> of(String title, double width, Function<S, String> text) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(text.apply(cd.getValue())));
        return c;
    }
}
