package dev.bulwark.ui.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bulwark.gateway.FrameCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Gateway view's live feed: the newest {@value #LIMIT} messages (newest first) with a text and a channel filter,
 * pause (new messages counted, not shown) and resume, the selected message as pretty-printed JSON, and the latest
 * threat alerts for the Overview and the notifications. FX thread; fed one batch per frame by
 * {@link GatewayViewModel}.
 */
public final class GatewayFeed {
    /** Messages kept (newest first); older ones are dropped. */
    public static final int LIMIT = 5000;
    /** Threat alerts kept for the Overview, newest first. */
    public static final int THREATS_KEPT = 20;

    private final FrameCodec codec = FrameCodec.create();
    private final ObservableList<FeedRow> rows = FXCollections.observableArrayList();
    private final ObservableList<FeedRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<FeedRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<String> channelFilter = new SimpleObjectProperty<>(this, "channelFilter");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final ArrayDeque<FeedRow> held = new ArrayDeque<>();
    private final ReadOnlyIntegerWrapper heldCount = new ReadOnlyIntegerWrapper(this, "heldCount");
    private final ObjectProperty<FeedRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ObservableList<ThreatAlert> threats = FXCollections.observableArrayList();
    private final ObservableList<ThreatAlert> threatsView = FXCollections.unmodifiableObservableList(threats);
    private final List<Consumer<ThreatAlert>> threatListeners = new CopyOnWriteArrayList<>();

    GatewayFeed() {
        filterText.addListener((o, a, b) -> refilter());
        channelFilter.addListener((o, a, b) -> refilter());
        paused.addListener((o, was, now) -> {
            if (!now) {
                release();
            }
        });
        selected.addListener((o, a, b) -> detail.set(b == null ? "" : pretty(b)));
    }

    /** Adds one frame's messages (oldest first): shown, or held while paused; threat alerts are kept either way. */
    void add(List<FeedRow> batch) {
        List<FeedRow> newestFirst = new ArrayList<>(batch.reversed());
        List<ThreatAlert> alerts = newestFirst.stream().filter(r -> "threat_alert".equals(r.type()))
                .map(ThreatAlert::of).toList();
        if (paused.get()) {
            for (FeedRow r : batch) {
                held.addFirst(r);
                if (held.size() > LIMIT) {
                    held.removeLast();
                }
            }
            heldCount.set(heldCount.get() + batch.size());
        } else {
            prepend(newestFirst);
        }
        if (!alerts.isEmpty()) {
            threats.addAll(0, alerts.size() > THREATS_KEPT ? alerts.subList(0, THREATS_KEPT) : alerts);
            if (threats.size() > THREATS_KEPT) {
                threats.remove(THREATS_KEPT, threats.size());
            }
            for (ThreatAlert a : alerts.reversed()) {
                threatListeners.forEach(l -> l.accept(a));
            }
        }
    }

    private void prepend(List<FeedRow> newestFirst) {
        rows.addAll(0, newestFirst.size() > LIMIT ? newestFirst.subList(0, LIMIT) : newestFirst);
        if (rows.size() > LIMIT) {
            rows.remove(LIMIT, rows.size());
        }
    }

    private void release() {
        if (!held.isEmpty()) {
            prepend(new ArrayList<>(held));
            held.clear();
        }
        heldCount.set(0);
    }

    private void refilter() {
        String needle = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        String ch = channelFilter.get();
        visible.setPredicate(r -> (ch == null || ch.equals(r.channel())) && r.matches(needle));
    }

    private String pretty(FeedRow r) {
        try {
            var mapper = codec.mapper();
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(codec.encode(r.frame())));
        } catch (JsonProcessingException e) {
            return codec.encode(r.frame());
        }
    }

    /** Empties the feed and what was held while paused (threat alerts and counters stay). */
    public void clear() {
        rows.clear();
        held.clear();
        heldCount.set(0);
        selected.set(null);
    }

    /** Called on the FX thread for each threat alert received, oldest first (desktop notifications). */
    public void onThreatAlert(Consumer<ThreatAlert> listener) {
        threatListeners.add(Objects.requireNonNull(listener));
    }

    /** Every shown message (at most {@value #LIMIT}), newest first. */
    public ObservableList<FeedRow> rows() {
        return rowsView;
    }

    /** The shown messages that pass the filters, newest first. */
    public ObservableList<FeedRow> visibleRows() {
        return visible;
    }

    /** Text that a row's channel, type or summary must contain (case-insensitive). */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** The only channel shown, or null for all. */
    public ObjectProperty<String> channelFilterProperty() {
        return channelFilter;
    }

    /** While true new messages are counted in {@link #heldCountProperty()}, not shown; false shows them. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Messages received while paused. */
    public ReadOnlyIntegerProperty heldCountProperty() {
        return heldCount.getReadOnlyProperty();
    }

    /** The row whose frame {@link #detailProperty()} shows. */
    public ObjectProperty<FeedRow> selectedProperty() {
        return selected;
    }

    /** The selected frame as pretty-printed JSON; empty when none is selected. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The latest {@value #THREATS_KEPT} threat alerts, newest first (kept while the feed is paused too). */
    public ObservableList<ThreatAlert> threats() {
        return threatsView;
    }
}
