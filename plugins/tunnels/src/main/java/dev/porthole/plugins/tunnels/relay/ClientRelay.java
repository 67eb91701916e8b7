package dev.porthole.plugins.tunnels.relay;

import dev.porthole.api.Json;
import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.Hosts;
import dev.porthole.api.http.Access;
import dev.porthole.api.http.HttpError;
import dev.porthole.api.http.WebSocketHandler;
import dev.porthole.api.http.WebSocketSession;
import dev.porthole.api.ssh.Forward;
import dev.porthole.api.ssh.SshConnections;
import dev.porthole.api.ssh.SshException;
import dev.porthole.api.ssh.SshTarget;
import dev.porthole.api.ssh.TcpAcceptor;
import dev.porthole.api.ssh.TcpChannel;
import dev.porthole.api.ssh.TcpReceiver;
import dev.porthole.plugins.tunnels.TunnelSettings;
import dev.porthole.plugins.tunnels.run.Mode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spec 001's client-to-server relay, {@code /ssh/tunnel/c2s/stream}: a desktop client's tunnel carried over a WebSocket
 * to an inventory host, one WebSocket per TCP connection in local and dynamic mode. The first text message says what
 * to open; the host, its credentials and its host key come from the inventory, as the caller may use them. Every relay
 * of a user to a host is a channel on the host's one pooled SSH connection: one login, however many relays.
 */
public final class ClientRelay implements WebSocketHandler {
    public static final String PATH = "/ssh/tunnel/c2s/stream";
    public static final Access ACCESS = Access.authenticated().withScope("write:tunnels");
    private static final int NORMAL = 1000;

    private final Hosts hosts;
    private final SshConnections ssh;
    private final Json json;
    private final TunnelSettings settings;
    private final Map<String, Relay> relays = new ConcurrentHashMap<>();

    public ClientRelay(Hosts hosts, SshConnections ssh, Json json, TunnelSettings settings) {
        this.hosts = hosts;
        this.ssh = ssh;
        this.json = json;
        this.settings = settings;
    }

    @Override
    public void onText(WebSocketSession session, String text) {
        Relay open = relays.get(session.id());
        if (open != null) {
            open.text(text);
            return;
        }
        RelayRequest request;
        SshTarget target;
        try {
            request = RelayRequest.parse(json.read(text));
            target = target(session, request.sourceHostId());
        } catch (RelayRequest.Refused | IllegalArgumentException e) {
            fail(session, e.getMessage());
            return;
        }
        try {
            if (request.test()) {
                test(target, request);
                session.sendJson(Map.of("type", "ready"));
                session.close(NORMAL, "");
            } else if (request.mode() == Mode.REMOTE) {
                listen(session, target, request);
            } else {
                open(session, target, request.target().orElseThrow());
            }
        } catch (RelayRequest.Refused e) {
            fail(session, e.getMessage());
        } catch (SshException e) {
            fail(session, describe(e));
        }
    }

    private SshTarget target(WebSocketSession session, long hostId) {
        var caller = session.request().requireCaller();
        Host host;
        try {
            host = hosts.require(caller, hostId, HostAccess.USE);
        } catch (HttpError e) {
            throw new RelayRequest.Refused(
                    e.status() == 404 ? "Endpoint SSH host not found" : "Access denied to this host");
        }
        if (!host.enableTunnels()) {
            throw new RelayRequest.Refused("Tunnels are not enabled for host " + hostId);
        }
        return ssh.target(caller, hostId);
    }

    private void open(WebSocketSession session, SshTarget target, RelayRequest.Target destination) {
        ByteRelay relay = new ByteRelay(session);
        TcpChannel channel = target.openTcp(destination.host(), destination.port(), relay);
        relay.attach(channel);
        relays.put(session.id(), relay);
        if (!session.isOpen()) {
            onClose(session, NORMAL, ""); // it closed while the channel opened
            return;
        }
        session.sendJson(Map.of("type", "ready"));
        relay.ready();
    }

    private void listen(WebSocketSession session, SshTarget target, RelayRequest request) {
        RemoteRelay relay = new RemoteRelay(session, json);
        relays.put(session.id(), relay);
        try {
            relay.listening(target.remoteForward(listenHost(request), request.sourcePort(), relay));
        } catch (RuntimeException e) {
            relays.remove(session.id());
            throw e;
        }
        if (!session.isOpen()) {
            onClose(session, NORMAL, ""); // it closed before the relay was known
        }
    }

    /** Where a remote tunnel listens on the SSH host: loopback, or an address an admin allowed. */
    private String listenHost(RelayRequest request) {
        return settings.bindable(request.listenHost())
                .orElseThrow(() -> new RelayRequest.Refused("Remote bind address '" + request.listenHost()
                        + "' is not loopback; an admin allows other addresses in the tunnels plugin's bind-hosts"
                        + " setting"));
    }

    /** Opens what the tunnel would use and closes it again, so that the client learns whether it can work. */
    private void test(SshTarget target, RelayRequest request) {
        switch (request.mode()) {
            case LOCAL -> {
                RelayRequest.Target destination = request.target().orElseThrow();
                target.openTcp(destination.host(), destination.port(), IGNORED).close();
            }
            case REMOTE -> {
                try (Forward listening = target.remoteForward(listenHost(request), request.sourcePort(), REFUSED)) {
                    // the server listens: the port is free and forwarding is allowed
                }
            }
            case DYNAMIC -> target.connect();
        }
    }

    private static final TcpReceiver IGNORED = new TcpReceiver() {
        @Override
        public CompletionStage<?> received(byte[] data) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void closed(Optional<String> error) {}
    };

    /** A test of a remote tunnel only asks the server to listen: a connection that comes meanwhile is closed. */
    private static final TcpAcceptor REFUSED = (channel, origin) -> {
        channel.close();
        return IGNORED;
    };

    @Override
    public void onBinary(WebSocketSession session, byte[] data) {
        Relay relay = relays.get(session.id());
        if (relay == null) {
            fail(session, "Send the open message before any data");
            return;
        }
        relay.binary(data);
    }

    @Override
    public void onClose(WebSocketSession session, int code, String reason) {
        Relay relay = relays.remove(session.id());
        if (relay != null) {
            relay.close();
        }
    }

    private static void fail(WebSocketSession session, String message) {
        session.sendJson(Map.of("type", "error", "error", message));
        session.close(NORMAL, "");
    }

    /** Termix's wording, so that its desktop client shows the same reasons. */
    private static String describe(SshException e) {
        return switch (e.code()) {
            case CHANNEL_FAILED -> "Tunnel target is not reachable from the endpoint host: " + e.getMessage();
            case LISTEN_REFUSED -> "Remote port is not available on the endpoint server: " + e.getMessage();
            default -> e.getMessage();
        };
    }
}
