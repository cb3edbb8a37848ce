package dev.bulwark.gateway.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the application's one gateway client, replacing it when the user connects again with other settings, and
 * fans its events out to every interested party (the Gateway view-model, the forwarder). Events of a client that was
 * replaced or closed are dropped, so listeners never see a stale client's status after the new one's.
 *
 * <p>{@link #connect}, {@link #disconnect} and {@link #close} block (closing a client joins its threads): call them
 * off the UI thread. The other methods return at once.
 */
public final class GatewayConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnector.class);

    /** Receives the current client's events on its thread (must not block), and the end of a connection. */
    public interface Listener extends GatewayClient.Listener {
        /** The client was closed by {@link #disconnect} or {@link #close} (not called when it is replaced). */
        default void onDisconnected() {
        }
    }

    /** Opens a client with everything it needs (the real one: {@link GatewayClients#open}). */
    @FunctionalInterface
    public interface ClientFactory {
        GatewayClients.Owned open(GatewayClientConfig config, GatewayClient.Listener listener) throws IOException;
    }

    private final ClientFactory factory;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile GatewayClients.Owned current;
    private volatile long generation;
    private boolean closed;

    /** @param factory opens clients */
    public GatewayConnector(ClientFactory factory) {
        this.factory = Objects.requireNonNull(factory);
    }

    /** Adds a listener (any thread); it hears the next events. */
    public void addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    /**
     * Closes the current client, if any, then opens and starts one for {@code config} wanting {@code channels}.
     *
     * @throws IOException when the client cannot be built (e.g. the CA file cannot be read)
     */
    public synchronized void connect(GatewayClientConfig config, Collection<String> channels) throws IOException {
        if (closed) {
            throw new IllegalStateException("the gateway connector is closed");
        }
        closeCurrent();
        long gen = ++generation;
        GatewayClients.Owned owned = factory.open(config, new GatewayClient.Listener() {
            @Override
            public void onMessage(GatewayClient.InboundMessage message) {
                if (gen == generation) {
                    listeners.forEach(l -> l.onMessage(message));
                }
            }

            @Override
            public void onStatus(GatewayStatus status) {
                if (gen == generation) {
                    listeners.forEach(l -> l.onStatus(status));
                }
            }
        });
        channels.forEach(owned.client()::subscribe);
        current = owned;
        LOG.info("gateway {}: connecting as {}", config.describe(), config.clientId());
        owned.client().start();
    }

    /** Closes the current client (its offline queue stays on disk); nothing when there is none. */
    public synchronized void disconnect() {
        boolean had = current != null;
        closeCurrent();
        if (had) {
            listeners.forEach(Listener::onDisconnected);
        }
    }

    private void closeCurrent() {
        GatewayClients.Owned old = current;
        current = null;
        generation++;
        if (old != null) {
            try {
                old.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the gateway client failed", e);
            }
        }
    }

    /** The current client, if one was connected and not closed since. */
    public Optional<GatewayClient> client() {
        GatewayClients.Owned o = current;
        return o == null ? Optional.empty() : Optional.of(o.client());
    }

    /** Wants {@code channel} on the current client (the next {@link #connect} takes the channels it is given). */
    public void subscribe(String channel) {
        client().ifPresent(c -> c.subscribe(channel));
    }

    /** No longer wants {@code channel} on the current client. */
    public void unsubscribe(String channel) {
        client().ifPresent(c -> c.unsubscribe(channel));
    }

    /** Skips the current client's reconnect countdown. */
    public void reconnectNow() {
        client().ifPresent(GatewayClient::reconnectNow);
    }

    /**
     * Publishes through the current client (sent now, or queued while it is away and flushed after it resubscribes).
     *
     * @return false when there is no client to publish through
     */
    public boolean publish(String channel, String type, ObjectNode data) {
        Optional<GatewayClient> c = client();
        c.ifPresent(client -> client.publish(channel, type, data));
        return c.isPresent();
    }

    /** Closes the current client; later {@link #connect} calls fail. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            disconnect();
        }
    }
}
