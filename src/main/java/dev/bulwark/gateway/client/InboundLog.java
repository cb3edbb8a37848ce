package dev.bulwark.gateway.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each kind of inbound problem once (a flood of bad frames must not flood the log); counting is the caller's. */
final class InboundLog {
    private static final Logger LOG = LoggerFactory.getLogger(InboundLog.class);
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** Logs {@code detail} the first time {@code kind} occurs. */
    void once(String kind, String detail) {
        if (seen.add(kind)) {
            LOG.warn("gateway: {} ({}); further ones are only counted", detail, kind);
        }
    }
}
