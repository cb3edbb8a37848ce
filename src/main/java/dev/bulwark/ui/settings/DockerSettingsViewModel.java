package dev.bulwark.ui.settings;

import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.settings.DockerSettings;
import dev.bulwark.settings.SettingsService;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Docker section of Settings: extra engines (unix socket, named pipe, tcp with TLS client certificates),
 * consent to plain remote tcp, and the restart-loop alert thresholds. Each change is validated, persisted,
 * and handed to {@code onChange} (the running monitor).
 */
public final class DockerSettingsViewModel {
    private final SettingsService settings;
    private final Consumer<DockerSettings> onChange;
    private final ObservableList<DockerSettings.Engine> engines = FXCollections.observableArrayList();
    private final StringProperty newName = new SimpleStringProperty(this, "newName", "");
    private final StringProperty newUri = new SimpleStringProperty(this, "newUri", "");
    private final StringProperty newTlsDir = new SimpleStringProperty(this, "newTlsDir", "");
    private final BooleanProperty allowNonLoopbackTcp = new SimpleBooleanProperty(this, "allowNonLoopbackTcp");
    private final IntegerProperty restartLoopCount = new SimpleIntegerProperty(this, "restartLoopCount");
    private final IntegerProperty restartLoopWindowMinutes = new SimpleIntegerProperty(this, "restartLoopWindowMinutes");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public DockerSettingsViewModel(SettingsService settings, Consumer<DockerSettings> onChange) {
        this.settings = Objects.requireNonNull(settings);
        this.onChange = Objects.requireNonNull(onChange);
        DockerSettings d = settings.get().docker();
        engines.setAll(d.engines());
        allowNonLoopbackTcp.set(d.allowNonLoopbackTcp());
        restartLoopCount.set(d.restartLoopCount());
        restartLoopWindowMinutes.set(d.restartLoopWindowMinutes());
        allowNonLoopbackTcp.addListener((o, a, b) -> change(d2 -> d2.withAllowNonLoopbackTcp(b)));
        restartLoopCount.addListener((o, a, b) -> {
            if (b.intValue() > 0) {
                change(d2 -> d2.withRestartLoop(b.intValue(), d2.restartLoopWindowMinutes()));
            }
        });
        restartLoopWindowMinutes.addListener((o, a, b) -> {
            if (b.intValue() > 0) {
                change(d2 -> d2.withRestartLoop(d2.restartLoopCount(), b.intValue()));
            }
        });
    }

    /**
     * Adds the engine typed into the form; on a malformed URI or a refused configuration (plain tcp to a
     * remote host without consent) nothing is saved and {@link #errorProperty()} says why.
     *
     * @return true when added
     */
    public boolean addEngine() {
        String uri = newUri.get() == null ? "" : newUri.get().strip();
        String name = newName.get() == null || newName.get().isBlank() ? uri : newName.get().strip();
        String tls = newTlsDir.get() == null ? "" : newTlsDir.get().strip();
        try {
            if (uri.isEmpty()) {
                throw new IllegalArgumentException("Engine URI is empty (e.g. unix:///var/run/docker.sock or tcp://host:2376)");
            }
            if (name.equals("default")) {
                throw new IllegalArgumentException("the name 'default' is the engine from DOCKER_HOST; choose another");
            }
            URI parsed = new URI(uri);
            new EngineSpec(name, parsed, tls.isEmpty() ? null : Path.of(tls), allowNonLoopbackTcp.get()).validate();
            DockerSettings.Engine e = new DockerSettings.Engine(name, uri, tls.isEmpty() ? null : tls);
            change(d -> d.withEngine(e));
            if (!error.get().isEmpty()) {
                return false;
            }
            newName.set("");
            newUri.set("");
            newTlsDir.set("");
            return true;
        } catch (URISyntaxException e) {
            error.set("Engine URI '" + uri + "' is malformed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
        return false;
    }

    public void removeEngine(DockerSettings.Engine e) {
        change(d -> d.withoutEngine(e.name()));
    }

    private void change(java.util.function.UnaryOperator<DockerSettings> f) {
        try {
            DockerSettings next = f.apply(settings.get().docker());
            settings.update(s -> s.withDocker(next));
            engines.setAll(next.engines());
            error.set("");
            onChange.accept(next);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }

    public ObservableList<DockerSettings.Engine> engines() {
        return engines;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public StringProperty newUriProperty() {
        return newUri;
    }

    public StringProperty newTlsDirProperty() {
        return newTlsDir;
    }

    public BooleanProperty allowNonLoopbackTcpProperty() {
        return allowNonLoopbackTcp;
    }

    public IntegerProperty restartLoopCountProperty() {
        return restartLoopCount;
    }

    public IntegerProperty restartLoopWindowMinutesProperty() {
        return restartLoopWindowMinutes;
    }

    /** Why the last change was refused; empty after a successful one. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
