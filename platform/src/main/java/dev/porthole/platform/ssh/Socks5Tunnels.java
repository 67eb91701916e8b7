package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshException;
import dev.porthole.platform.hosts.SshEndpoint;
import dev.porthole.platform.threads.HostThreads;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TCP paths to a hop through an ordered chain of SOCKS5 proxies. The SOCKS5 protocol (and RFC 1929 username/password)
 * is Netty's {@link Socks5ProxyHandler}, one per proxy in pipeline order, so the first proxy is dialled and each
 * tunnels to the next. MINA cannot connect over an existing socket, so the path is offered to it as a loopback listener
 * that takes one connection (see {@link Socks5Tunnel}).
 */
@Singleton
class Socks5Tunnels {
    private final EventLoopGroup group =
            new NioEventLoopGroup(2, HostThreads.withHostLoader(new DefaultThreadFactory("ssh-socks5", true)));

    @PreDestroy
    void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /** Told of each proxy that answered: what it did, and when its part began ({@link System#nanoTime()}). */
    @FunctionalInterface
    interface HopListener {
        void reached(String message, long startNanos);
    }

    /** A path to {@code host:port} through the proxies in order; fails naming the proxy that did not get through. */
    Socks5Tunnel open(List<SshEndpoint.Proxy> chain, String host, int port, Duration timeout, HopListener hops) {
        List<ProxyHandler> proxies =
                chain.stream().map(p -> handler(p, timeout)).toList();
        Socks5Tunnel.Relay toTarget = new Socks5Tunnel.Relay();
        Bootstrap outbound = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(proxies.toArray(ChannelHandler[]::new));
                        channel.pipeline().addLast(toTarget);
                    }
                });
        // unresolved: the last proxy resolves the name, as the host behind it sees it
        ChannelFuture dial = outbound.connect(InetSocketAddress.createUnresolved(host, port));
        long hopStart = System.nanoTime();
        try {
            // the proxies' handshakes exist once the channel is set up; TCP to the first proxy comes first
            if (!dial.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SshException(
                        SshException.Code.TIMEOUT,
                        "no connection to SOCKS5 proxy " + describe(chain.get(0)) + " within " + timeout);
            }
            if (!dial.isSuccess()) {
                throw new SshException(
                        SshException.Code.PROXY_FAILED,
                        "cannot connect to SOCKS5 proxy " + describe(chain.get(0)) + ": "
                                + Connector.rootMessage(dial.cause()));
            }
            long deadline = System.nanoTime() + timeout.toNanos() * chain.size();
            for (int i = 0; i < proxies.size(); i++) {
                ProxyHandler proxy = proxies.get(i);
                String next = i + 1 < chain.size() ? describe(chain.get(i + 1)) : host + ":" + port;
                long left = Math.max(0, deadline - System.nanoTime());
                if (!proxy.connectFuture().await(left, TimeUnit.NANOSECONDS)) {
                    throw new SshException(
                            SshException.Code.TIMEOUT,
                            "SOCKS5 proxy " + describe(chain.get(i)) + " did not reach " + next + " within " + timeout);
                }
                if (!proxy.connectFuture().isSuccess()) {
                    throw new SshException(
                            SshException.Code.PROXY_FAILED,
                            "SOCKS5 proxy " + describe(chain.get(i)) + " did not reach " + next + ": "
                                    + Connector.rootMessage(
                                            proxy.connectFuture().cause()));
                }
                hops.reached("SOCKS5 proxy " + describe(chain.get(i)) + " connected to " + next, hopStart);
                hopStart = System.nanoTime();
            }
            Socks5Tunnel tunnel = new Socks5Tunnel(dial.channel(), toTarget);
            Channel listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(tunnel.acceptor())
                    .bind(InetAddress.getLoopbackAddress(), 0)
                    .sync()
                    .channel();
            tunnel.listening(listener);
            return tunnel;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dial.channel().close();
            throw new SshException(SshException.Code.PROXY_FAILED, "interrupted while connecting through SOCKS5");
        } catch (RuntimeException e) {
            dial.channel().close();
            throw e;
        }
    }

    private static ProxyHandler handler(SshEndpoint.Proxy proxy, Duration timeout) {
        InetSocketAddress address = new InetSocketAddress(proxy.host(), proxy.port());
        Socks5ProxyHandler handler = proxy.username() == null
                ? new Socks5ProxyHandler(address)
                : new Socks5ProxyHandler(address, proxy.username(), proxy.password() == null ? "" : proxy.password());
        handler.setConnectTimeoutMillis(timeout.toMillis());
        return handler;
    }

    private static String describe(SshEndpoint.Proxy proxy) {
        return proxy.host() + ":" + proxy.port();
    }
}
