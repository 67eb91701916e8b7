package dev.porthole.plugins.tunnels.relay;

import dev.porthole.api.Json;
import dev.porthole.api.http.WebSocketSession;
import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.TcpAcceptor;
import dev.porthole.api.ssh.TcpChannel;
import dev.porthole.api.ssh.TcpReceiver;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One remote-mode relay: the SSH host listens, and every connection that arrives there is a stream of this WebSocket,
 * told to the client as {@code connection}, carried as base64 {@code data} text messages both ways and ended by
 * {@code close}, all by {@code streamId} (spec 001, as Termix's desktop client speaks it). A frame for the client is
 * sent only once the previous one of its stream has gone out, so a slow client holds the SSH host's clients back
 * through the channels' windows; the client's data waits in one bounded backlog for the whole relay.
 */
final class RemoteRelay implements TcpAcceptor, Relay {
    private static final AtomicLong STREAMS = new AtomicLong();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder FROM_BASE64 = Base64.getDecoder();

    private final WebSocketSession session;
    private final Json json;
    private final ClientBacklog backlog;
    private final Map<String, ChannelWriter> streams = new ConcurrentHashMap<>();
    private volatile Forward forward;
    private volatile boolean closed;

    RemoteRelay(WebSocketSession session, Json json) {
        this.session = session;
        this.json = json;
        this.backlog = new ClientBacklog(session);
    }

    /** The SSH host listens; the client is told where, and connections may come. */
    void listening(Forward listening) {
        forward = listening;
        if (closed) {
            listening.close(); // the WebSocket closed while the host was asked to listen
            return;
        }
        InetSocketAddress bound = listening.boundAddress();
        session.sendJson(Map.of("type", "ready", "bindHost", bound.getHostString(), "bindPort", bound.getPort()));
        listening.onClose(() -> {
            if (!closed) {
                session.sendJson(Map.of("type", "error", "error", "The SSH connection to the host ended"));
                session.close(1000, "");
            }
        });
    }

    @Override
    public TcpReceiver accepted(TcpChannel channel, InetSocketAddress origin) {
        String id = System.currentTimeMillis() + "-" + STREAMS.incrementAndGet();
        ChannelWriter toHost = new ChannelWriter(backlog);
        toHost.attach(channel);
        streams.put(id, toHost);
        session.sendJson(Map.of("type", "connection", "streamId", id));
        if (closed) {
            toHost.close();
        }
        return new TcpReceiver() {
            @Override
            public CompletionStage<?> received(byte[] data) {
                return session.sendTextAsync(
                        json.write(Map.of("type", "data", "streamId", id, "data", BASE64.encodeToString(data))));
            }

            @Override
            public void closed(Optional<String> error) {
                if (streams.remove(id) != null && !RemoteRelay.this.closed) {
                    Map<String, Object> close = new LinkedHashMap<>();
                    close.put("type", "close");
                    close.put("streamId", id);
                    error.ifPresent(e -> close.put("error", e));
                    session.sendJson(close);
                }
            }
        };
    }

    @Override
    public void binary(byte[] data) {
        // remote mode carries JSON text only (Termix ignores binary frames too)
    }

    /**
     * A text message from the client: {@code data} for a stream, or {@code close} when the client's side of it
     * closed. Messages for streams that have ended, and anything else, are ignored, as Termix does.
     */
    @Override
    public void text(String text) {
        Object message;
        try {
            message = json.read(text);
        } catch (IllegalArgumentException malformed) {
            return;
        }
        if (!(message instanceof Map<?, ?> m) || !(m.get("streamId") instanceof String id)) {
            return;
        }
        ChannelWriter stream = streams.get(id);
        if (stream == null) {
            return;
        }
        if ("data".equals(m.get("type")) && m.get("data") instanceof String data) {
            byte[] bytes;
            try {
                bytes = FROM_BASE64.decode(data);
            } catch (IllegalArgumentException notBase64) {
                streams.remove(id);
                stream.close();
                session.sendJson(
                        Map.of("type", "close", "streamId", id, "error", "the data of a stream must be base64"));
                return;
            }
            stream.write(bytes);
        } else if ("close".equals(m.get("type"))) {
            streams.remove(id);
            stream.closeWhenWritten();
        }
    }

    /** The WebSocket has closed: the listen stops and every stream ends. */
    @Override
    public void close() {
        closed = true;
        Forward listening = forward;
        if (listening != null) {
            listening.close();
        }
        for (ChannelWriter stream : List.copyOf(streams.values())) {
            stream.close();
        }
        streams.clear();
    }
}
