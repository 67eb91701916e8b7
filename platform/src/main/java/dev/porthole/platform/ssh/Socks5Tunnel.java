package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.SshException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One path through SOCKS5 proxies, offered to MINA on a loopback port. The port takes one connection, and bytes flow
 * only once that connection is shown to be MINA's own (its source address is the session's local address): another
 * local process that dials the port first gets nothing through the proxies and fails the connect instead.
 */
final class Socks5Tunnel implements AutoCloseable {
    private final Channel target;
    private final Relay fromTarget;
    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();
    private volatile Channel listener;

    Socks5Tunnel(Channel target, Relay fromTarget) {
        this.target = target;
        this.fromTarget = fromTarget;
    }

    ChannelInitializer<Channel> acceptor() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                if (!accepted.complete(channel)) {
                    channel.close();
                }
            }
        };
    }

    void listening(Channel listener) {
        this.listener = listener;
    }

    /** Where MINA connects. */
    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Starts carrying bytes once the loopback connection is the one MINA opened from {@code client}. */
    void admit(SocketAddress client, Duration timeout) {
        Channel local;
        try {
            local = accepted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SshException(SshException.Code.PROXY_FAILED, "interrupted while joining the SOCKS5 path");
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new SshException(SshException.Code.PROXY_FAILED, "the SSH client never reached the SOCKS5 path");
        }
        listener.close();
        if (!client.equals(local.remoteAddress())) {
            close();
            throw new SshException(
                    SshException.Code.PROXY_FAILED,
                    "another local process (" + local.remoteAddress() + ") took the SOCKS5 path; refused");
        }
        Relay fromLocal = new Relay();
        local.pipeline().addLast(fromLocal);
        fromLocal.link(local, target);
        fromTarget.link(target, local);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        target.close();
        accepted.thenAccept(Channel::close);
        accepted.complete(null);
    }

    /**
     * Copies what one channel reads to its peer, one read at a time so a slow side holds the other back. Bytes read
     * before the peer is known (the SSH server's greeting may come with the last proxy's reply) wait for it.
     */
    static final class Relay extends ChannelInboundHandlerAdapter {
        private final List<Object> early = new ArrayList<>();
        private Channel peer;

        void link(Channel own, Channel peer) {
            own.eventLoop().execute(() -> {
                this.peer = peer;
                early.forEach(peer::write);
                early.clear();
                peer.flush();
                if (!own.isActive()) {
                    closeAfterFlush(peer);
                    return;
                }
                own.config().setAutoRead(false);
                own.read();
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (peer == null) {
                early.add(msg);
                ctx.channel().config().setAutoRead(false);
                return;
            }
            peer.writeAndFlush(msg).addListener((ChannelFutureListener) written -> {
                if (written.isSuccess()) {
                    ctx.channel().read();
                } else {
                    ctx.close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer != null) {
                closeAfterFlush(peer);
            } else {
                early.forEach(ReferenceCountUtil::release);
                early.clear();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private static void closeAfterFlush(Channel channel) {
            if (channel.isActive()) {
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
