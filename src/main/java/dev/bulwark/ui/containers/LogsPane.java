package dev.bulwark.ui.containers;

import dev.bulwark.docker.engine.LogChunk;
import dev.bulwark.docker.logs.LogLine;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Log lines with timestamps, stderr marked, a search box, stream toggles, tail size and follow. */
final class LogsPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final PseudoClass STDERR = PseudoClass.getPseudoClass("stderr");
    private final LogsViewModel vm;

    LogsPane(LogsViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        TextField search = new TextField();
        search.setId("logs-search");
        search.setPromptText("Search logs");
        search.textProperty().bindBidirectional(vm.queryProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        CheckBox regex = check("Regex", "logs-regex", vm.regexProperty());
        CheckBox out = check("stdout", "logs-stdout", vm.stdoutProperty());
        CheckBox err = check("stderr", "logs-stderr", vm.stderrProperty());
        CheckBox follow = check("Follow", "logs-follow", vm.followProperty());
        Spinner<Integer> tail = new Spinner<>(10, 5000, vm.tailProperty().get(), 100);
        tail.setId("logs-tail");
        tail.setEditable(true);
        tail.setPrefWidth(100);
        tail.setMinWidth(100);
        tail.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.tailProperty().get()) {
                vm.tailProperty().set(b);
                vm.restart();
            }
        });
        Label tailLabel = new Label("Tail");
        HBox toggles = new HBox(10, regex, out, err, tailLabel, tail, follow);
        toggles.setAlignment(Pos.CENTER_LEFT);
        toggles.getChildren().forEach(n -> ((javafx.scene.layout.Region) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        VBox bar = new VBox(6, search, toggles);

        Label state = new Label();
        state.setId("logs-state");
        state.getStyleClass().add("text-muted");
        state.textProperty().bind(vm.stateProperty());
        Label error = new Label();
        error.setId("logs-error");
        error.getStyleClass().add("action-error");
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        ListView<LogLine> list = new ListView<>(vm.lines());
        list.setId("logs-lines");
        list.getStyleClass().add("log-lines");
        list.setFixedCellSize(22);
        Label empty = new Label("No log lines (yet), or none match the search.");
        empty.getStyleClass().add("text-muted");
        list.setPlaceholder(empty);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LogLine line, boolean isEmpty) {
                super.updateItem(line, isEmpty);
                pseudoClassStateChanged(STDERR, !isEmpty && line != null && line.source() == LogChunk.Source.STDERR);
                if (isEmpty || line == null) {
                    setText(null);
                } else {
                    String ts = line.timestamp() == null ? "" : TIME.format(line.timestamp()) + "  ";
                    String src = line.source() == LogChunk.Source.STDERR ? "err " : line.source() == LogChunk.Source.STDOUT ? "out " : "";
                    setText(ts + src + line.text());
                }
            }
        });
        vm.lines().addListener((ListChangeListener<LogLine>) c -> {
            if (vm.followProperty().get() && !vm.lines().isEmpty()) {
                list.scrollTo(vm.lines().size() - 1);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        return new VBox(6, bar, state, error, list);
    }

    private static CheckBox check(String text, String id, javafx.beans.property.BooleanProperty p) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.selectedProperty().bindBidirectional(p);
        return c;
    }
}
