package dev.porthole.platform.threads;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Makes the threads of the libraries' shared pools host threads: Reactor's schedulers (whose {@code parallel-N}
 * threads start on the first timer a plugin's SSE stream sets) and Micronaut's executors (whose threads start on the
 * first task, which a plugin's call into a host service may submit). Set up before any of them runs a task.
 */
@Context
final class LibraryThreads implements BeanCreatedEventListener<ExecutorService> {

    LibraryThreads() {
        // replaces the cached schedulers too, so none made before this keeps the default thread factory
        Schedulers.setFactory(new Schedulers.Factory() {
            @Override
            public Scheduler newParallel(int parallelism, ThreadFactory threadFactory) {
                return Schedulers.Factory.super.newParallel(parallelism, HostThreads.withHostLoader(threadFactory));
            }

            @Override
            public Scheduler newSingle(ThreadFactory threadFactory) {
                return Schedulers.Factory.super.newSingle(HostThreads.withHostLoader(threadFactory));
            }

            @Override
            public Scheduler newBoundedElastic(
                    int threadCap, int queuedTaskCap, ThreadFactory threadFactory, int ttlSeconds) {
                return Schedulers.Factory.super.newBoundedElastic(
                        threadCap, queuedTaskCap, HostThreads.withHostLoader(threadFactory), ttlSeconds);
            }
        });
    }

    @Override
    public ExecutorService onCreated(BeanCreatedEvent<ExecutorService> event) {
        if (event.getBean() instanceof ThreadPoolExecutor pool) {
            pool.setThreadFactory(HostThreads.withHostLoader(pool.getThreadFactory()));
        }
        return event.getBean();
    }

    @PreDestroy
    void reset() {
        Schedulers.resetFactory();
    }
}
