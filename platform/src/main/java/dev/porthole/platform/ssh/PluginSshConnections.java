package dev.porthole.platform.ssh;

import dev.porthole.api.Caller;
import dev.porthole.api.ssh.ConnectOptions;
import dev.porthole.api.ssh.ConnectionStage;
import dev.porthole.api.ssh.ExecListener;
import dev.porthole.api.ssh.ExecRequest;
import dev.porthole.api.ssh.ExecResult;
import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.ForwardTraffic;
import dev.porthole.api.ssh.SshBanner;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshStream;
import dev.porthole.api.ssh.SshStreamExit;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.api.ssh.TcpAcceptor;
import dev.porthole.api.ssh.TcpChannel;
import dev.porthole.api.ssh.TcpReceiver;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One plugin's view of the SSH layer: it remembers the forwards and streams the plugin opened, so that stopping the
 * plugin closes whatever the plugin did not.
 */
public final class PluginSshConnections implements SshConnections {
    private final SshConnections delegate;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final Executor pluginThreads;

    /**
     * @param pluginThreads where the plugin's callbacks run (a forward's close actions), never on an SSH I/O thread
     */
    public PluginSshConnections(DefaultSshConnections delegate, Executor pluginThreads) {
        this.delegate = delegate;
        this.pluginThreads = pluginThreads;
    }

    @Override
    public SshTarget target(Caller caller, long hostId, ConnectOptions overrides) {
        return new Tracked(delegate.target(caller, hostId, overrides));
    }

    @Override
    public void answer(Caller caller, String challengeId, List<String> answers) {
        delegate.answer(caller, challengeId, answers);
    }

    /** Runs a plugin's callback on its threads; a plugin that is stopping closes its forwards and channels itself. */
    private void onPluginThread(Runnable callback) {
        try {
            pluginThreads.execute(callback);
        } catch (RejectedExecutionException stopping) {
            // nothing to tell a plugin that is going away
        }
    }

    /** Closes every forward and stream the plugin left open. */
    public void closeAll() {
        for (AutoCloseable handle : List.copyOf(open)) {
            try {
                handle.close();
            } catch (Exception e) {
                // closing the rest matters more than this one's failure
            }
        }
        open.clear();
    }

    private final class Tracked implements SshTarget {
        private final SshTarget target;

        Tracked(SshTarget target) {
            this.target = target;
        }

        @Override
        public long hostId() {
            return target.hostId();
        }

        @Override
        public void connect() {
            target.connect();
        }

        @Override
        public int closeIdle() {
            return target.closeIdle();
        }

        @Override
        public SshBanner ping() {
            return target.ping();
        }

        @Override
        public List<ConnectionStage> connectionLog() {
            return target.connectionLog();
        }

        @Override
        public ExecResult exec(ExecRequest request) {
            return target.exec(request);
        }

        @Override
        public ExecResult exec(ExecRequest request, ExecListener listener) {
            return target.exec(request, listener);
        }

        @Override
        public Forward localForward(String bindHost, int bindPort, String remoteHost, int remotePort) {
            return track(target.localForward(bindHost, bindPort, remoteHost, remotePort));
        }

        @Override
        public Forward remoteForward(String remoteBindHost, int remoteBindPort, String localHost, int localPort) {
            return track(target.remoteForward(remoteBindHost, remoteBindPort, localHost, localPort));
        }

        @Override
        public Forward dynamicForward(String bindHost, int bindPort) {
            return track(target.dynamicForward(bindHost, bindPort));
        }

        @Override
        public SshStream openStream(String command) {
            SshStream stream = target.openStream(command);
            open.add(stream);
            return new SshStream() {
                @Override
                public InputStream input() {
                    return stream.input();
                }

                @Override
                public OutputStream output() {
                    return stream.output();
                }

                @Override
                public String errorOutput() {
                    return stream.errorOutput();
                }

                @Override
                public OptionalInt exitStatus() {
                    return stream.exitStatus();
                }

                @Override
                public Optional<SshStreamExit> awaitExit(Duration timeout) {
                    return stream.awaitExit(timeout);
                }

                @Override
                public void close() {
                    open.remove(stream);
                    stream.close();
                }
            };
        }

        @Override
        public TcpChannel openTcp(String host, int port, TcpReceiver receiver) {
            // the channel can end before openTcp returns it
            AtomicReference<TcpChannel> opened = new AtomicReference<>();
            AtomicBoolean ended = new AtomicBoolean();
            TcpChannel channel =
                    target.openTcp(host, port, onPluginThreads(CompletableFuture.completedFuture(receiver), () -> {
                        ended.set(true);
                        TcpChannel done = opened.get();
                        if (done != null) {
                            open.remove(done);
                        }
                    }));
            opened.set(channel);
            open.add(channel);
            if (ended.get()) {
                open.remove(channel);
            }
            return onPluginThreads(channel);
        }

        @Override
        public Forward remoteForward(String remoteBindHost, int remoteBindPort, TcpAcceptor acceptor) {
            return track(target.remoteForward(remoteBindHost, remoteBindPort, (channel, origin) -> {
                // called on an SSH I/O thread, which must not wait for the plugin: the plugin's receiver takes what
                // arrives once its acceptor has run
                open.add(channel);
                CompletableFuture<TcpReceiver> receiver = CompletableFuture.supplyAsync(
                        () -> acceptor.accepted(onPluginThreads(channel), origin), pluginThreads);
                receiver.whenComplete((r, failed) -> {
                    if (failed != null) {
                        channel.close();
                    }
                });
                return onPluginThreads(receiver, () -> open.remove(channel));
            }));
        }

        /** The plugin's receiver, called on its threads; {@code ended} runs (on any thread) when the channel ends. */
        private TcpReceiver onPluginThreads(CompletionStage<TcpReceiver> receiver, Runnable ended) {
            return new TcpReceiver() {
                @Override
                public CompletionStage<?> received(byte[] data) {
                    return receiver.thenComposeAsync(r -> r.received(data), pluginThreads);
                }

                @Override
                public void closed(Optional<String> error) {
                    ended.run();
                    receiver.thenAcceptAsync(r -> r.closed(error), pluginThreads);
                }
            };
        }

        /** A host channel whose completed writes go on on the plugin's threads. */
        private TcpChannel onPluginThreads(TcpChannel channel) {
            return new TcpChannel() {
                @Override
                public CompletionStage<Void> write(byte[] data) {
                    // MINA completes a write on its I/O thread; what the plugin chains on it runs on the plugin's
                    return channel.write(data).whenCompleteAsync((v, e) -> {}, pluginThreads);
                }

                @Override
                public boolean isOpen() {
                    return channel.isOpen();
                }

                @Override
                public void close() {
                    channel.close();
                }
            };
        }

        private Forward track(Forward forward) {
            open.add(forward);
            return new Forward() {
                @Override
                public Kind kind() {
                    return forward.kind();
                }

                @Override
                public InetSocketAddress boundAddress() {
                    return forward.boundAddress();
                }

                @Override
                public boolean isOpen() {
                    return forward.isOpen();
                }

                @Override
                public ForwardTraffic traffic() {
                    return forward.traffic();
                }

                @Override
                public void onClose(Runnable action) {
                    forward.onClose(() -> {
                        open.remove(forward);
                        onPluginThread(action);
                    });
                }

                @Override
                public boolean probe(Duration timeout) {
                    return forward.probe(timeout);
                }

                @Override
                public void close() {
                    open.remove(forward);
                    forward.close();
                }
            };
        }
    }
}
