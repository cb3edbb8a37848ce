package dev.bulwark.docker.engine;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one Docker engine: {@code unix://}, {@code npipe://} or {@code tcp://} (TLS when a client
 * certificate directory is given). Plain tcp to a host other than loopback is refused unless
 * {@code allowInsecureTcp} is set, because anyone on the path could then drive the daemon as root.
 *
 * @param name             display name, unique among configured engines
 * @param host             engine URI
 * @param tlsCertDir       directory with {@code ca.pem}, {@code cert.pem}, {@code key.pem}, or null
 * @param allowInsecureTcp the user's explicit consent to plain tcp to a remote host
 */
public record EngineSpec(String name, URI host, Path tlsCertDir, boolean allowInsecureTcp) {

    public EngineSpec {
        Objects.requireNonNull(host, "host");
        name = name == null || name.isBlank() ? host.toString() : name;
    }

    /** An engine named after its URI, without TLS. */
    public static EngineSpec of(String uri) {
        return new EngineSpec(null, URI.create(uri), null, false);
    }

    /**
     * The default engine: {@code DOCKER_HOST} (with {@code DOCKER_CERT_PATH} when {@code DOCKER_TLS_VERIFY}
     * is set), else the platform socket.
     */
    public static EngineSpec fromEnvironment(Map<String, String> env, String osName) {
        String host = env.get("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            host = osName.toLowerCase(Locale.ROOT).startsWith("windows")
                    ? "npipe:////./pipe/docker_engine" : "unix:///var/run/docker.sock";
        }
        Path certs = null;
        String verify = env.get("DOCKER_TLS_VERIFY");
        if (verify != null && !verify.isBlank() && !"0".equals(verify)) {
            String certPath = env.get("DOCKER_CERT_PATH");
            certs = certPath != null && !certPath.isBlank() ? Path.of(certPath)
                    : Path.of(System.getProperty("user.home"), ".docker");
        }
        return new EngineSpec("default", URI.create(host), certs, false);
    }

    /** True when traffic is protected by TLS client certificates. */
    public boolean tls() {
        return tlsCertDir != null;
    }

    /**
     * Checks the URI scheme and the tcp policy.
     *
     * @throws IllegalArgumentException naming the engine and the reason
     */
    public EngineSpec validate() {
        String scheme = host.getScheme() == null ? "" : host.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix", "npipe" -> {
                if (host.getPath() == null || host.getPath().isBlank()) {
                    throw new IllegalArgumentException("engine " + name + ": " + host + " has no socket path");
                }
            }
            case "tcp", "https", "http" -> {
                if (host.getHost() == null) {
                    throw new IllegalArgumentException("engine " + name + ": " + host + " has no host name");
                }
                if (!tls() && !allowInsecureTcp && !isLoopback(host.getHost())) {
                    throw new IllegalArgumentException("engine " + name + ": plain tcp to non-loopback host "
                            + host.getHost() + " is refused; configure TLS client certificates or allow it explicitly");
                }
            }
            default -> throw new IllegalArgumentException("engine " + name + ": unsupported scheme '" + scheme
                    + "' in " + host + " (use unix://, npipe:// or tcp://)");
        }
        return this;
    }

    /** Loopback by literal address or the name {@code localhost}; never resolves remote names. */
    static boolean isLoopback(String hostName) {
        String h = hostName.startsWith("[") ? hostName.substring(1, hostName.length() - 1) : hostName;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a DNS name: do not trust it to stay on this machine
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
