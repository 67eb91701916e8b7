package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.ConnectOptions;
import dev.porthole.api.ssh.Socks5Proxy;
import dev.porthole.api.ssh.SshException;
import dev.porthole.platform.hosts.HostService;
import dev.porthole.platform.hosts.SshEndpoint;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an inventory host and a request's overrides into a {@link ConnectPlan}: the jump-host chain from the
 * inventory, overrides applied to the target, keys parsed up front (a bad key or passphrase fails before any
 * connection is made).
 */
@Singleton
class ConnectPlans {
    /** The inventory refuses longer chains; this guards against one changed underneath. */
    private static final int MAX_HOPS = HostService.MAX_JUMP_CHAIN + 1;

    /** Keys read lately, the least recently used dropped first. */
    private static final int PARSED_KEYS = 256;

    private final HostService hosts;
    private final Map<String, KeyPair> parsedKeys = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeyPair> eldest) {
            return size() > PARSED_KEYS;
        }
    };

    ConnectPlans(HostService hosts) {
        this.hosts = hosts;
    }

    ConnectPlan plan(long hostId, ConnectOptions overrides) {
        List<SshEndpoint> chain = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        SshEndpoint target = withOverrides(hosts.endpoint(hostId), overrides);
        chain.add(target);
        seen.add(hostId);
        boolean jumpOverridden = overrides.jumpHostId().isPresent();
        Long next = jumpOverridden ? Long.valueOf(overrides.jumpHostId().getAsLong()) : target.jumpHostId();
        for (; next != null; next = chain.get(chain.size() - 1).jumpHostId()) {
            if (!seen.add(next) || chain.size() >= MAX_HOPS) {
                throw new SshException(
                        SshException.Code.UNREACHABLE, "the jump hosts of host " + hostId + " make a loop");
            }
            chain.add(hosts.endpoint(next));
        }
        Collections.reverse(chain);
        List<Hop> hops = chain.stream().map(this::hop).toList();
        // a target reached through a jump host given for this connection leaves by that host's way, not its own
        boolean ownProxies = !target.proxies().isEmpty()
                && (!jumpOverridden || overrides.proxies().isPresent());
        List<SshEndpoint.Proxy> proxies =
                ownProxies ? target.proxies() : chain.get(0).proxies();
        return new ConnectPlan(hops, proxies, hash(chain, proxies));
    }

    private Hop hop(SshEndpoint endpoint) {
        return new Hop(endpoint, endpoint.privateKey() == null ? null : key(endpoint));
    }

    /**
     * The endpoint's key, parsed once: every operation plans its target, and an encrypted key costs a deliberately
     * slow bcrypt-pbkdf round each time it is read. Keyed by a hash of key and passphrase, so a changed key is read
     * anew; a key that does not parse is never kept.
     */
    private KeyPair key(SshEndpoint endpoint) {
        String id = digest(digest -> update(digest, endpoint.privateKey(), endpoint.keyPassphrase()));
        synchronized (parsedKeys) {
            KeyPair known = parsedKeys.get(id);
            if (known != null) {
                return known;
            }
        }
        KeyPair parsed = KeyIdentities.parse(endpoint.privateKey(), endpoint.keyPassphrase());
        synchronized (parsedKeys) {
            parsedKeys.put(id, parsed);
        }
        return parsed;
    }

    private static SshEndpoint withOverrides(SshEndpoint stored, ConnectOptions overrides) {
        String password = overrides.password().orElse(stored.password());
        String privateKey = overrides.privateKey().orElse(stored.privateKey());
        // a new key comes with its own passphrase, or none
        String passphrase = overrides.privateKey().isPresent()
                ? overrides.keyPassphrase().orElse(null)
                : overrides.keyPassphrase().orElse(stored.keyPassphrase());
        List<SshEndpoint.Proxy> proxies = overrides
                .proxies()
                .map(list -> list.stream().map(ConnectPlans::proxy).toList())
                .orElse(stored.proxies());
        return new SshEndpoint(
                stored.hostId(),
                stored.address(),
                stored.port(),
                stored.username(),
                stored.authType(),
                password,
                privateKey,
                passphrase,
                stored.jumpHostId(),
                proxies,
                stored.hostKeyPolicy());
    }

    private static SshEndpoint.Proxy proxy(Socks5Proxy proxy) {
        return new SshEndpoint.Proxy(
                proxy.host(),
                proxy.port(),
                proxy.username().orElse(null),
                proxy.password().orElse(null));
    }

    private static String hash(List<SshEndpoint> chain, List<SshEndpoint.Proxy> proxies) {
        return digest(digest -> {
            for (SshEndpoint e : chain) {
                update(digest, e.hostId(), e.address(), e.port(), e.username(), e.authType(), e.password());
                update(digest, e.privateKey(), e.keyPassphrase());
            }
            for (SshEndpoint.Proxy p : proxies) {
                update(digest, p.host(), p.port(), p.username(), p.password());
            }
        });
    }

    /** SHA-256, in hex, of what {@code fill} writes. */
    private static String digest(java.util.function.Consumer<MessageDigest> fill) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            fill.accept(digest);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Each value length-prefixed, so that no two different inputs hash alike by concatenation. */
    private static void update(MessageDigest digest, Object... values) {
        for (Object value : values) {
            byte[] bytes = Objects.toString(value, "\0null").getBytes(StandardCharsets.UTF_8);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
        }
    }
}
