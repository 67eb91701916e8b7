package dev.porthole.platform.threads;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for host threads: the host's class loader as context loader, no inherited plugin state. */
public final class HostThreads {
    private static final ClassLoader HOST = HostThreads.class.getClassLoader();

    private HostThreads() {}

    /** Daemon threads named {@code name-1}, {@code name-2}, ... (just {@code name} when {@code numbered} is false). */
    public static ThreadFactory daemon(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return withHostLoader(task -> {
            // no inheritable ThreadLocals either: a plugin's values must not travel into a host thread
            Thread thread = new Thread(null, task, numbered ? name + "-" + count.incrementAndGet() : name, 0, false);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * {@code factory}'s threads, made as if by the host: inside {@code doPrivileged}, so that the new thread's
     * inherited access-control context holds no protection domain of a plugin class on the caller's stack (each holds
     * its class loader), and with the host's class loader as context loader.
     */
    @SuppressWarnings("removal") // AccessController is how Java 17 decides what a new thread inherits
    public static ThreadFactory withHostLoader(ThreadFactory factory) {
        return task -> AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
            Thread thread = factory.newThread(task);
            thread.setContextClassLoader(HOST);
            return thread;
        });
    }
}
