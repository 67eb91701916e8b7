package dev.porthole.platform.plugins;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plugin's own threads: every handler, job and callback of the plugin runs here, with the plugin's class loader as
 * context class loader. Host threads never run plugin code, so none carries a plugin's ThreadLocals, and when the
 * plugin stops its threads end and nothing of it stays reachable.
 */
final class PluginExecutor extends ThreadPoolExecutor {
    PluginExecutor(String pluginId, ClassLoader pluginLoader, int threads) {
        super(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                threadFactory(pluginId, pluginLoader));
        allowCoreThreadTimeOut(true);
    }

    private static ThreadFactory threadFactory(String pluginId, ClassLoader pluginLoader) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "plugin-" + pluginId + "-" + count.incrementAndGet());
            thread.setContextClassLoader(pluginLoader);
            thread.setDaemon(true);
            return thread;
        };
    }
}
