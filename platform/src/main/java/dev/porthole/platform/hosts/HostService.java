package dev.porthole.platform.hosts;

import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.hosts.HostChange;
import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.errors.ApiException;
import dev.porthole.platform.secrets.SecretBox;
import dev.porthole.platform.users.User;
import dev.porthole.platform.users.UserRepository;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host inventory: hosts, their sealed credentials, and who may do what with them. Every other part of Porthole
 * asks {@link #require} whether a caller may use a host. Each change publishes a {@link HostChange} inside its
 * transaction, which {@link HostChanges} passes on to plugins once it has committed.
 */
@Singleton
public class HostService {
    public static final int MAX_JUMP_CHAIN = 8;
    private static final String PASSWORD = "host.password";
    private static final String PRIVATE_KEY = "host.privateKey";
    private static final String KEY_PASSPHRASE = "host.keyPassphrase";
    private static final String PROXY_PASSWORD = "host.proxy.password";

    private final HostRepository hosts;
    private final HostShareRepository shares;
    private final UserRepository users;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final ApplicationEventPublisher<HostChange> changes;
    private final Clock clock;

    HostService(
            HostRepository hosts,
            HostShareRepository shares,
            UserRepository users,
            SecretBox secrets,
            JsonMapper json,
            ApplicationEventPublisher<HostChange> changes,
            Clock clock) {
        this.hosts = hosts;
        this.shares = shares;
        this.users = users;
        this.secrets = secrets;
        this.json = json;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * The host, when the caller holds at least {@code needed} on it. A host the caller cannot see at all is a 404, so
     * that ids do not reveal other users' hosts; one they see but may not do this with is a 403.
     */
    /** The host's key policy, when the caller has {@code needed} access; read without opening any secret. */
    public HostKeyPolicy requireHostKeyPolicy(Caller caller, long hostId, HostAccess needed) {
        return HostKeyPolicy.ofWire(require(caller, hostId, needed).hostKeyPolicy());
    }

    public HostRow require(Caller caller, long hostId, HostAccess needed) {
        HostRow host = hosts.findById(hostId).orElse(null);
        HostAccess level = host == null ? null : levelOf(caller, host);
        if (level == null) {
            throw ApiException.notFound("no host with id " + hostId);
        }
        if (!level.includes(needed)) {
            throw ApiException.forbidden("you have " + level + " access to host " + hostId + "; this needs " + needed);
        }
        return host;
    }

    /**
     * How to reach a host over SSH, its secrets opened. No access check: the SSH layer calls it for a target whose
     * access {@link #require} has checked, and for that target's jump hosts, which its owner chose.
     */
    public SshEndpoint endpoint(long hostId) {
        HostRow row = hosts.findById(hostId).orElseThrow(() -> ApiException.notFound("no host with id " + hostId));
        List<SshEndpoint.Proxy> proxies = readList(row.proxiesJson(), StoredProxy.class).stream()
                .map(p -> new SshEndpoint.Proxy(
                        p.host(), p.port(), p.username(), open(p.passwordSealed(), PROXY_PASSWORD)))
                .toList();
        return new SshEndpoint(
                row.id(),
                row.address(),
                row.port(),
                row.username(),
                row.authType(),
                open(row.passwordSealed(), PASSWORD),
                open(row.privateKeySealed(), PRIVATE_KEY),
                open(row.keyPassphraseSealed(), KEY_PASSPHRASE),
                row.jumpHostId(),
                proxies,
                HostKeyPolicy.ofWire(row.hostKeyPolicy()));
    }

    private String open(@Nullable String sealed, String purpose) {
        return sealed == null ? null : secrets.open(sealed, purpose);
    }

    /** {@link #require}, answered as the API shows a host: for plugins, which never see a secret. */
    HostView requireView(Caller caller, long hostId, HostAccess needed) {
        return view(caller, require(caller, hostId, needed));
    }

    List<HostView> list(Caller caller, @Nullable String tag) {
        List<HostRow> rows = caller.isAdmin() ? hosts.listOrderById() : hosts.listVisibleTo(caller.userId());
        Map<Long, String> usernames = usernames();
        Map<Long, HostAccess> shared = shares.findByUserId(caller.userId()).stream()
                .collect(Collectors.toMap(HostShare::hostId, HostShare::accessLevel));
        return rows.stream()
                .map(row -> view(row, usernames, accessName(caller, row, shared.get(row.id()))))
                .filter(view -> tag == null || view.tags().contains(tag))
                .toList();
    }

    /** Every host as its owner sees it, for the host's own background work (a plugin's auto-started tunnels). */
    List<HostView> all() {
        Map<Long, String> usernames = usernames();
        return hosts.listOrderById().stream()
                .map(row -> view(row, usernames, HostAccess.OWNER.toString()))
                .toList();
    }

    /**
     * The owner of a host as a caller with every scope, for work done on their behalf without a request. A disabled
     * owner acts no more: 403.
     */
    Caller owner(long hostId) {
        HostRow host = hosts.findById(hostId).orElseThrow(() -> ApiException.notFound("no host with id " + hostId));
        User owner = users.findById(host.ownerId())
                .orElseThrow(() -> ApiException.notFound("host " + hostId + " has no owner"));
        if (!owner.enabled()) {
            throw ApiException.forbidden("the owner of host " + hostId + " is disabled");
        }
        return new Caller(
                owner.id(), owner.username(), owner.role(), null, List.of(dev.porthole.platform.auth.Scopes.ALL));
    }

    HostView get(Caller caller, long id) {
        return view(caller, require(caller, id, HostAccess.VIEW));
    }

    @Transactional
    HostView create(Caller caller, HostInput input) {
        if (hosts.existsByOwnerIdAndName(caller.userId(), input.name())) {
            throw ApiException.conflict("you already have a host named '" + input.name() + "'");
        }
        checkJumpHost(caller, null, input.jumpHostId());
        Instant now = clock.instant();
        HostRow row = hosts.save(toRow(null, caller.userId(), input, null, now, now));
        changes.publishEvent(new HostChange(row.id(), HostChange.Kind.CREATED));
        return view(caller, row);
    }

    @Transactional
    HostView update(Caller caller, long id, HostInput input) {
        HostRow stored = require(caller, id, HostAccess.MANAGE);
        if (hosts.existsByOwnerIdAndNameAndIdNotEqual(stored.ownerId(), input.name(), id)) {
            throw ApiException.conflict("the owner already has a host named '" + input.name() + "'");
        }
        if (!Objects.equals(stored.jumpHostId(), input.jumpHostId())) {
            checkJumpHost(caller, id, input.jumpHostId());
        }
        HostRow row = hosts.update(toRow(id, stored.ownerId(), input, stored, stored.createdAt(), clock.instant()));
        changes.publishEvent(new HostChange(id, HostChange.Kind.UPDATED));
        return view(caller, row);
    }

    @Transactional
    void delete(Caller caller, long id) {
        HostRow host = require(caller, id, HostAccess.OWNER);
        List<HostRow> dependents = hosts.findByJumpHostId(id);
        if (!dependents.isEmpty()) {
            throw ApiException.conflict("host " + id + " is the jump host of " + dependents.size()
                    + " other host(s) (ids "
                    + dependents.stream().map(h -> h.id().toString()).collect(Collectors.joining(", "))
                    + "); point them elsewhere first");
        }
        hosts.delete(host);
        changes.publishEvent(new HostChange(id, HostChange.Kind.DELETED));
    }

    List<ShareView> shares(Caller caller, long id) {
        require(caller, id, HostAccess.OWNER);
        Map<Long, String> usernames = usernames();
        return shares.findByHostIdOrderById(id).stream()
                .map(s -> ShareView.of(s, usernames.get(s.userId())))
                .toList();
    }

    /** Grants or changes a user's access; {@code created} tells which. */
    @Transactional
    SharedResult share(
            Caller caller, long id, @Nullable Long userId, @Nullable String username, @Nullable String levelName) {
        HostRow host = require(caller, id, HostAccess.OWNER);
        HostAccess level = levelName == null ? null : HostShare.levelOf(levelName);
        if (level == null) {
            throw ApiException.invalidField("level", "must be one of view, use, manage");
        }
        User target = shareTarget(userId, username);
        if (target.id() == host.ownerId()) {
            throw ApiException.invalidField(
                    userId != null ? "userId" : "username", "is the owner of this host already");
        }
        HostShare existing = shares.findByHostIdAndUserId(id, target.id()).orElse(null);
        HostShare saved = existing == null
                ? shares.save(new HostShare(null, id, target.id(), level.toString(), clock.instant()))
                : shares.update(new HostShare(existing.id(), id, target.id(), level.toString(), existing.createdAt()));
        changes.publishEvent(new HostChange(id, HostChange.Kind.SHARED));
        return new SharedResult(ShareView.of(saved, target.username()), existing == null);
    }

    /** Takes a user's access away; the owner may, and so may the user themself (leaving a shared host). */
    @Transactional
    void unshare(Caller caller, long id, long userId) {
        if (caller.userId() == userId) {
            require(caller, id, HostAccess.VIEW);
        } else {
            require(caller, id, HostAccess.OWNER);
        }
        HostShare share = shares.findByHostIdAndUserId(id, userId)
                .orElseThrow(() -> ApiException.notFound("host " + id + " is not shared with user " + userId));
        shares.delete(share);
        changes.publishEvent(new HostChange(id, HostChange.Kind.SHARED));
    }

    record SharedResult(ShareView share, boolean created) {}

    private User shareTarget(@Nullable Long userId, @Nullable String username) {
        if (userId != null) {
            return users.findById(userId)
                    .orElseThrow(() -> ApiException.invalidField("userId", "no user with id " + userId));
        }
        if (username != null) {
            return users.findByUsername(username)
                    .orElseThrow(() -> ApiException.invalidField("username", "no user named '" + username + "'"));
        }
        throw ApiException.invalidField("username", "give the username or the userId to share with");
    }

    private HostAccess levelOf(Caller caller, HostRow host) {
        if (host.ownerId() == caller.userId() || caller.isAdmin()) {
            return HostAccess.OWNER;
        }
        return shares.findByHostIdAndUserId(host.id(), caller.userId())
                .map(HostShare::accessLevel)
                .orElse(null);
    }

    /** The caller's level as the API spells it; admins own every host. */
    private static String accessName(Caller caller, HostRow host, @Nullable HostAccess shared) {
        if (host.ownerId() == caller.userId() || caller.isAdmin()) {
            return HostAccess.OWNER.toString();
        }
        return shared == null ? HostAccess.VIEW.toString() : shared.toString();
    }

    private void checkJumpHost(Caller caller, @Nullable Long hostId, @Nullable Long jumpHostId) {
        if (jumpHostId == null) {
            return;
        }
        if (jumpHostId.equals(hostId)) {
            throw ApiException.invalidField("jumpHostId", "cannot be the host itself");
        }
        HostRow jump = hosts.findById(jumpHostId)
                .filter(h -> {
                    HostAccess level = levelOf(caller, h);
                    return level != null && level.includes(HostAccess.USE);
                })
                .orElseThrow(() ->
                        ApiException.invalidField("jumpHostId", "no host with id " + jumpHostId + " that you may use"));
        Set<Long> chain = new HashSet<>(Set.of(jumpHostId));
        for (Long next = jump.jumpHostId();
                next != null;
                next = hosts.findById(next).map(HostRow::jumpHostId).orElse(null)) {
            if (next.equals(hostId) || !chain.add(next)) {
                throw ApiException.invalidField("jumpHostId", "would make a loop of jump hosts");
            }
            if (chain.size() > MAX_JUMP_CHAIN) {
                throw ApiException.invalidField(
                        "jumpHostId", "makes a chain of more than " + MAX_JUMP_CHAIN + " jump hosts");
            }
        }
    }

    private HostRow toRow(
            @Nullable Long id, long ownerId, HostInput in, @Nullable HostRow stored, Instant createdAt, Instant now) {
        String password = merge(in.password(), stored == null ? null : stored.passwordSealed(), PASSWORD);
        String privateKey = merge(in.privateKey(), stored == null ? null : stored.privateKeySealed(), PRIVATE_KEY);
        String passphrase =
                merge(in.keyPassphrase(), stored == null ? null : stored.keyPassphraseSealed(), KEY_PASSPHRASE);
        if (in.authType().equals("password") && password == null) {
            throw ApiException.invalidField("password", "is required when authType is password");
        }
        if (in.authType().equals("key") && privateKey == null) {
            throw ApiException.invalidField("privateKey", "is required when authType is key");
        }
        if (privateKey != null && (in.privateKey() != null || in.keyPassphrase() != null)) {
            PrivateKeyCheck.check(
                    secrets.open(privateKey, PRIVATE_KEY),
                    passphrase == null ? null : secrets.open(passphrase, KEY_PASSPHRASE));
        }
        List<StoredProxy> storedProxies =
                stored == null ? List.of() : readList(stored.proxiesJson(), StoredProxy.class);
        return new HostRow(
                id,
                ownerId,
                in.name(),
                in.address(),
                in.port() == null ? 22 : in.port(),
                in.username(),
                in.authType(),
                password,
                privateKey,
                passphrase,
                in.jumpHostId(),
                write(proxies(in.proxies(), storedProxies)),
                bool(in.enableDocker()),
                bool(in.enableTunnels()),
                bool(in.enableStats()),
                write(tunnels(in.tunnels())),
                write(new ArrayList<>(new LinkedHashSet<>(in.tags() == null ? List.of() : in.tags()))),
                hostKeyPolicy(in, stored),
                createdAt,
                now);
    }

    /** Absent keeps what is stored, empty removes it, anything else is sealed anew. */
    private String merge(@Nullable String incoming, @Nullable String storedSealed, String purpose) {
        if (incoming == null) {
            return storedSealed;
        }
        return incoming.isEmpty() ? null : secrets.seal(incoming, purpose);
    }

    /** A proxy sent without a password keeps the one stored for the same host, port and username at that place. */
    private List<StoredProxy> proxies(@Nullable List<HostInput.ProxyInput> inputs, List<StoredProxy> stored) {
        List<StoredProxy> result = new ArrayList<>();
        List<HostInput.ProxyInput> given = inputs == null ? List.of() : inputs;
        for (int i = 0; i < given.size(); i++) {
            HostInput.ProxyInput in = given.get(i);
            String kept = i < stored.size() && stored.get(i).sameEndpoint(in)
                    ? stored.get(i).passwordSealed()
                    : null;
            result.add(
                    new StoredProxy(in.host(), in.port(), in.username(), merge(in.password(), kept, PROXY_PASSWORD)));
        }
        return result;
    }

    private static List<TunnelDefinition> tunnels(@Nullable List<TunnelDefinition> tunnels) {
        List<TunnelDefinition> given = tunnels == null ? List.of() : tunnels;
        for (int i = 0; i < given.size(); i++) {
            TunnelDefinition t = given.get(i);
            if (t.needsEndpoint()
                    && (t.endpointHost() == null || t.endpointHost().isBlank())) {
                throw ApiException.invalidField(
                        "tunnels[" + i + "].endpointHost", "is required for " + t.mode() + " tunnels");
            }
            if (t.needsEndpoint() && t.endpointPort() == null) {
                throw ApiException.invalidField(
                        "tunnels[" + i + "].endpointPort", "is required for " + t.mode() + " tunnels");
            }
        }
        return given.stream().map(TunnelDefinition::withDefaults).toList();
    }

    private HostView view(Caller caller, HostRow row) {
        HostAccess shared = row.ownerId() == caller.userId() || caller.isAdmin() ? null : levelOf(caller, row);
        String owner = users.findById(row.ownerId()).map(User::username).orElseThrow();
        return view(row, Map.of(row.ownerId(), owner), accessName(caller, row, shared));
    }

    private HostView view(HostRow row, Map<Long, String> usernames, String access) {
        List<HostView.ProxyView> proxies = readList(row.proxiesJson(), StoredProxy.class).stream()
                .map(p -> new HostView.ProxyView(p.host(), p.port(), p.username(), p.passwordSealed() != null))
                .toList();
        return new HostView(
                row.id(),
                row.name(),
                row.address(),
                row.port(),
                row.username(),
                row.authType(),
                row.passwordSealed() != null,
                row.privateKeySealed() != null,
                row.keyPassphraseSealed() != null,
                row.jumpHostId(),
                proxies,
                row.enableDocker(),
                row.enableTunnels(),
                row.enableStats(),
                readList(row.tunnelsJson(), TunnelDefinition.class),
                readList(row.tagsJson(), String.class),
                row.hostKeyPolicy(),
                row.ownerId(),
                usernames.get(row.ownerId()),
                access,
                row.createdAt(),
                row.updatedAt());
    }

    private Map<Long, String> usernames() {
        Map<Long, String> names = new HashMap<>();
        users.findAll().forEach(u -> names.put(u.id(), u.username()));
        return names;
    }

    /** Absent keeps the stored policy (clients that predate it), and a new host trusts on first use. */
    private static String hostKeyPolicy(HostInput in, @Nullable HostRow stored) {
        if (in.hostKeyPolicy() != null) {
            return in.hostKeyPolicy();
        }
        return stored == null ? HostKeyPolicy.TOFU.wire() : stored.hostKeyPolicy();
    }

    private static boolean bool(@Nullable Boolean value) {
        return value != null && value;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> List<T> readList(String text, Class<T> type) {
        try {
            return json.readValue(text, Argument.listOf(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
