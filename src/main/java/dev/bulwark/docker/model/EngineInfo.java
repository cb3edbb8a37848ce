package dev.bulwark.docker.model;

/**
 * What an engine says about the machine it runs on ({@code GET /info}).
 *
 * @param id            the engine's own id
 * @param hostName      the machine's host name ({@code Name})
 * @param cpus          online CPUs ({@code NCPU})
 * @param memTotalBytes the machine's memory ({@code MemTotal})
 * @param version       engine version ({@code ServerVersion})
 */
public record EngineInfo(String id, String hostName, int cpus, long memTotalBytes, String version) {

    /**
     * Identifies the machine behind an engine, so that two engines on one machine (rootless and rootful, or a
     * second data root) count its CPUs and memory once. Docker reports no machine id: host name and memory
     * together are the best it offers, and two distinct machines would need both to collide.
     */
    public String machineKey() {
        return hostName + "/" + memTotalBytes;
    }
}
