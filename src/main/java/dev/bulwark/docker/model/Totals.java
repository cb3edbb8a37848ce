package dev.bulwark.docker.model;

import java.util.Collection;

/**
 * Counts and sums over a group of containers. CPU and memory sum only live containers.
 *
 * @param total         all containers in the group
 * @param running       live and running (paused excluded)
 * @param paused        live and paused
 * @param stopped       exited, created or dead
 * @param stale         on an unreachable engine
 * @param healthy       live containers whose health check passes
 * @param unhealthy     live containers whose health check fails
 * @param cpuPercent    sum of CPU % (100 = one core)
 * @param memUsageBytes sum of memory usage
 */
public record Totals(int total, int running, int paused, int stopped, int stale, int healthy, int unhealthy,
                     double cpuPercent, long memUsageBytes) {

    /** Totals over {@code views}. */
    public static Totals of(Collection<ContainerView> views) {
        int running = 0, paused = 0, stopped = 0, stale = 0, healthy = 0, unhealthy = 0;
        double cpu = 0;
        long mem = 0;
        for (ContainerView v : views) {
            if (v.stale()) {
                stale++;
                continue;
            }
            switch (v.details().state()) {
                case RUNNING, RESTARTING -> running++;
                case PAUSED -> paused++;
                case EXITED, CREATED, DEAD -> stopped++;
                default -> { }
            }
            if (v.details().health() == Health.HEALTHY) {
                healthy++;
            } else if (v.details().health() == Health.UNHEALTHY) {
                unhealthy++;
            }
            if (v.live() && v.stats() != null) {
                cpu += v.stats().cpuPercent();
                mem += v.stats().memUsageBytes();
            }
        }
        return new Totals(views.size(), running, paused, stopped, stale, healthy, unhealthy, cpu, mem);
    }
}
