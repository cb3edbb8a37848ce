package dev.bulwark.ui.gateway;

import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.client.GatewayClient;
import dev.bulwark.gateway.client.GatewayClientConfig;
import dev.bulwark.gateway.client.GatewayConnector;
import dev.bulwark.gateway.client.GatewayStatus;
import dev.bulwark.settings.GatewaySettings;
import dev.bulwark.settings.GatewayTokenStore;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.UpdateBatcher;
import dev.bulwark.util.Errors;
import dev.bulwark.util.NamedThreads;
import dev.bulwark.util.reconnect.ConnectionState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Gateway view's state and actions, and the application's one view of the gateway connection (the status bar and
 * the Overview read it too). FX thread only, except where a method says otherwise.
 *
 * <p>Events of the gateway client (messages, status) cross to the FX thread through one {@link UpdateBatcher}, as one
 * batch per frame: a burst of thousands of messages costs one list change, never one {@code runLater} each. Blocking
 * work (opening or closing a client, the token file) runs on the {@link TaskRunner}. A once-a-second tick keeps the
 * reconnect countdown moving while no event arrives.
 */
public final class GatewayViewModel implements AutoCloseable {

    private sealed interface Event permits Message, Status, Disconnected {
    }

    private record Message(FeedRow row) implements Event {
    }

    private record Status(GatewayStatus status) implements Event {
    }

    private record Disconnected() implements Event {
    }

    private final GatewayConnector connector;
    private final SettingsService settings;
    private final GatewayTokenStore tokens;
    private final TaskRunner tasks;
    private final Clock clock;
    private final Path queueFile;
    private final UpdateBatcher<Event> batcher;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.virtual("gateway-ticker"));

    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final ReadOnlyStringWrapper clientId = new ReadOnlyStringWrapper(this, "clientId", "");
    private final StringProperty caFile = new SimpleStringProperty(this, "caFile", "");
    private final ObjectProperty<Integer> heartbeatSeconds = new SimpleObjectProperty<>(this, "heartbeatSeconds", 15);
    private final ReadOnlyStringWrapper formMessage = new ReadOnlyStringWrapper(this, "formMessage", "");
    private final ReadOnlyBooleanWrapper configured = new ReadOnlyBooleanWrapper(this, "configured");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final List<ChannelToggle> channels = new ArrayList<>();
    private final GatewayFeed feed = new GatewayFeed();
    private final GatewayStatusModel status = new GatewayStatusModel();
    private final ForwardingForm forwarding;
    private final TokenField token;

    /** The last status of the current client, or null when there is none. */
    private GatewayStatus last;
    private volatile boolean ticking;
    private boolean closed;

    /**
     * @param connector the application's gateway client holder (this view-model listens to it)
     * @param settings  where the gateway settings are kept (the token is not among them)
     * @param tokens    the token file
     * @param tasks     background work
     * @param batchers  how client events reach the FX thread (one batch per frame)
     * @param clock     the countdown and the feed's times
     * @param queueFile where the client's offline publish queue persists, or null for memory only
     */
    public GatewayViewModel(GatewayConnector connector, SettingsService settings, GatewayTokenStore tokens,
                            TaskRunner tasks, UpdateBatcher.Factory batchers, Clock clock, Path queueFile) {
        this.connector = Objects.requireNonNull(connector);
        this.settings = Objects.requireNonNull(settings);
        this.tokens = Objects.requireNonNull(tokens);
        this.tasks = Objects.requireNonNull(tasks);
        this.clock = Objects.requireNonNull(clock);
        this.queueFile = queueFile;
        this.token = new TokenField(this, tokens, tasks, formMessage);
        GatewaySettings g = ensureClientId();
        url.set(g.url());
        clientId.set(g.clientId());
        caFile.set(g.caFile() == null ? "" : g.caFile());
        heartbeatSeconds.set(g.heartbeatSeconds());
        forwarding = new ForwardingForm(settings);
        configured.set(g.configured());
        for (String c : Channels.ALL) {
            ChannelToggle t = new ChannelToggle(c, g.channels().contains(c));
            t.wantedProperty().addListener((o, was, now) -> channelToggled(t, now));
            channels.add(t);
        }
        batcher = batchers.start(this::apply);
        connector.addListener(new GatewayConnector.Listener() {
            @Override
            public void onMessage(GatewayClient.InboundMessage message) {
                batcher.offer(new Message(FeedRow.of(message)));
            }

            @Override
            public void onStatus(GatewayStatus status) {
                batcher.offer(new Status(status));
            }

            @Override
            public void onDisconnected() {
                batcher.offer(new Disconnected());
            }
        });
        // The client reports on changes; while a countdown runs nothing changes but the seconds, so ask each second.
        ticker.scheduleAtFixedRate(() -> {
            if (ticking) {
                connector.client().map(GatewayClient::status).ifPresent(s -> batcher.offer(new Status(s)));
            }
        }, 1, 1, TimeUnit.SECONDS);
        refreshStatus();
        token.readState();
    }

    private GatewaySettings ensureClientId() {
        GatewaySettings g = settings.get().gateway();
        if (g.clientId() != null) {
            return g;
        }
        // Generated once and saved at once, so the gateway sees the same client across restarts.
        String id = GatewaySettings.newClientId();
        return settings.update(s -> s.gateway().clientId() != null ? s
                : s.withGateway(s.gateway().withClientId(id))).gateway();
    }

    // ---- actions

    /** Connects at start when the user left it connected last time; FX thread. */
    public void start() {
        GatewaySettings g = settings.get().gateway();
        if (g.configured() && g.autoConnect()) {
            connect();
        }
    }

    /**
     * Saves the form (URL, CA file, heartbeat and, when one was typed, the token) and (re)connects with it. Problems
     * with the form are shown in {@link #formMessageProperty()} and nothing is changed.
     */
    public void connect() {
        if (closed) {
            return;
        }
        GatewayClientConfig config;
        String u;
        try {
            u = ClientConfigs.normaliseUrl(url.get());
            config = ClientConfigs.of(u, settings.get().gateway().clientId(), caFile.get(), heartbeatSeconds.get(),
                    tokens::readOrNull, queueFile);
        } catch (IllegalArgumentException e) {
            formMessage.set(e.getMessage());
            return;
        }
        String typedToken = token.takeTyped();
        url.set(u);
        String ca = caFile.get() == null || caFile.get().isBlank() ? null : caFile.get().strip();
        int hb = heartbeatSeconds.get();
        settings.update(s -> s.withGateway(s.gateway().withUrl(u).withCaFile(ca).withHeartbeatSeconds(hb)
                .withAutoConnect(true)));
        configured.set(true);
        List<String> wanted = wantedChannels();
        formMessage.set("");
        busy.set(true);
        active.set(true);
        last = null;
        refreshStatus();
        tasks.run("connect to the gateway", () -> {
            if (typedToken != null && !typedToken.isBlank()) {
                tokens.write(typedToken);
            }
            connector.connect(config, wanted);
            return tokens.isSet();
        }, tokenSet -> {
            busy.set(false);
            token.showState(tokenSet);
        }, e -> {
            busy.set(false);
            active.set(false);
            last = null;
            refreshStatus();
            formMessage.set("Cannot connect: " + Errors.rootMessage(e));
        });
    }

    /** Closes the connection and stays disconnected (also at the next start). */
    public void disconnect() {
        settings.update(s -> s.withGateway(s.gateway().withAutoConnect(false)));
        busy.set(true);
        tasks.run("disconnect from the gateway", () -> {
            connector.disconnect();
            return null;
        }, v -> busy.set(false), e -> busy.set(false));
    }

    /** Skips the reconnect countdown. */
    public void reconnectNow() {
        connector.reconnectNow();
    }

    /** Saves the typed token (owner-only file) without connecting; the next connect sends it. */
    public void saveToken() {
        token.save(active.get());
    }

    /** Deletes the saved token. */
    public void clearToken() {
        token.clear();
    }

    // ---- client events, one batch per frame

    private void apply(List<Event> batch) {
        if (closed) {
            return;
        }
        List<FeedRow> rows = new ArrayList<>();
        GatewayStatus status = null;
        boolean disconnected = false;
        for (Event e : batch) {
            switch (e) {
                case Message m -> rows.add(m.row());
                case Status s -> {
                    status = s.status();
                    disconnected = false;
                }
                case Disconnected d -> {
                    status = null;
                    disconnected = true;
                }
            }
        }
        if (disconnected) {
            last = null;
            active.set(false);
        } else if (status != null) {
            last = status;
            active.set(true);
        }
        if (disconnected || status != null) {
            refreshStatus();
        }
        if (!rows.isEmpty()) {
            feed.add(rows);
        }
    }

    private void refreshStatus() {
        GatewayStatus s = last;
        Map<String, GatewayStatus.Subscription> subs = s == null ? Map.of()
                : s.subscriptions().stream().collect(Collectors.toMap(GatewayStatus.Subscription::channel,
                Function.identity(), (a, b) -> b));
        boolean up = s != null && s.connection().kind() == ConnectionState.Kind.CONNECTED;
        channels.forEach(t -> t.show(subs.get(t.channel()), up));
        ticking = status.show(s, configured.get(), active.get(), clock.instant());
    }

    private void channelToggled(ChannelToggle t, boolean wanted) {
        if (wanted) {
            connector.subscribe(t.channel());
        } else {
            connector.unsubscribe(t.channel());
        }
        List<String> now = wantedChannels();
        settings.update(s -> s.withGateway(s.gateway().withChannels(now)));
        refreshStatus();
    }

    private List<String> wantedChannels() {
        return channels.stream().filter(t -> t.wantedProperty().get()).map(ChannelToggle::channel).toList();
    }

    /** Stops the ticker and the batcher (the connector, owned by the application, closes the client). */
    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        batcher.close();
    }

    // ---- state

    /** The gateway's URL as typed ({@code ws[s]://host:port}; {@code http(s)://} is accepted and converted). */
    public StringProperty urlProperty() {
        return url;
    }

    /** This installation's client id (generated once, kept). */
    public ReadOnlyStringProperty clientIdProperty() {
        return clientId.getReadOnlyProperty();
    }

    /** The token being typed; saved to the token file by {@link #saveToken} or {@link #connect}, then cleared. */
    public StringProperty tokenInputProperty() {
        return token.input();
    }

    /** {@code token set} or {@code no token}: never the token. */
    public ReadOnlyStringProperty tokenStateProperty() {
        return token.state();
    }

    /** Whether a token is saved: the form's Remove has nothing to do without one. */
    public ReadOnlyBooleanProperty tokenSavedProperty() {
        return token.saved();
    }

    /** PEM file of certificates to trust for wss besides the system's; empty for none. */
    public StringProperty caFileProperty() {
        return caFile;
    }

    /** Application ping interval in seconds. */
    public ObjectProperty<Integer> heartbeatSecondsProperty() {
        return heartbeatSeconds;
    }

    /** A problem with the form or the last action, or a confirmation; empty when there is nothing to say. */
    public ReadOnlyStringProperty formMessageProperty() {
        return formMessage.getReadOnlyProperty();
    }

    /** A gateway URL is saved. */
    public ReadOnlyBooleanProperty configuredProperty() {
        return configured.getReadOnlyProperty();
    }

    /** A client exists (connected, connecting or counting down to the next attempt). */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** A connect or disconnect is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** One toggle per channel of {@link Channels#ALL}, in that order. */
    public List<ChannelToggle> channels() {
        return List.copyOf(channels);
    }

    /** How the connection stands: status line, status bar text, kind, countdown, counters. */
    public GatewayStatusModel status() {
        return status;
    }

    /** The live feed: messages, filters, pause, the selected message and the latest threat alerts. */
    public GatewayFeed feed() {
        return feed;
    }

    /** The forwarding form. */
    public ForwardingForm forwarding() {
        return forwarding;
    }
}
