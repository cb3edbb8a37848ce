package dev.bulwark.docker.model;

/**
 * A published or exposed port. {@code hostPort} is 0 when the port is only exposed.
 */
public record PortBinding(String hostIp, int hostPort, int containerPort, String protocol) {

    /** {@code 127.0.0.1:8080->80/tcp} or {@code 80/tcp}, like {@code docker ps}. */
    public String display() {
        String inner = containerPort + "/" + protocol;
        if (hostPort == 0) {
            return inner;
        }
        return (hostIp == null || hostIp.isEmpty() ? "" : hostIp + ":") + hostPort + "->" + inner;
    }
}
