package dev.bulwark.util;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** Factories for named virtual threads, so thread dumps and logs say which feature a thread serves. */
public final class NamedThreads {
    private NamedThreads() {
    }

    /** A factory of virtual threads named {@code prefix-0}, {@code prefix-1}, ... */
    public static ThreadFactory virtual(String prefix) {
        return Thread.ofVirtual().name(prefix + "-", 0).factory();
    }

    /** A new executor running each task on its own named virtual thread; the caller owns and closes it. */
    public static ExecutorService virtualExecutor(String prefix) {
        return Executors.newThreadPerTaskExecutor(virtual(prefix));
    }
}
