package dev.porthole.platform.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.porthole.api.hosts.Host;
import dev.porthole.api.hosts.HostAccess;
import dev.porthole.api.http.HttpError;
import dev.porthole.platform.auth.ApiCaller;
import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import dev.porthole.platform.users.Role;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plugins reach the inventory through {@link PluginHosts}, with the same access rules as the API. */
abstract class PluginHostsContract extends PlatformTestBase {

    @Inject
    PluginHosts pluginHosts;

    PluginHostsContract(TestDatabase database) {
        super(database);
    }

    @Test
    void the_owner_gets_the_host_with_owner_access_and_no_secret() {
        TestUser owner = newUser("USER");
        long id = createHost(owner, "secret-host");

        Host host = pluginHosts.require(callerOf(owner, Role.USER), id, HostAccess.OWNER);

        assertThat(host)
                .isEqualTo(new Host(
                        id,
                        "secret-host",
                        "192.0.2.10",
                        22,
                        "deploy",
                        "password",
                        Optional.empty(),
                        true,
                        false,
                        false,
                        List.of("prod", "web"),
                        owner.id(),
                        HostAccess.OWNER));
    }

    @Test
    void a_host_of_someone_else_is_not_found() {
        long id = createHost(newUser("USER"), "private");
        TestUser stranger = newUser("USER");

        assertThatThrownBy(() -> pluginHosts.require(callerOf(stranger, Role.USER), id, HostAccess.VIEW))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("no host with id " + id);
    }

    @Test
    void a_viewer_sees_the_host_but_may_not_use_it() {
        TestUser owner = newUser("USER");
        TestUser viewer = newUser("USER");
        long id = createHost(owner, "shared");
        share(owner, id, viewer, "view");
        ApiCaller caller = callerOf(viewer, Role.USER);

        assertThat(pluginHosts.require(caller, id, HostAccess.VIEW).access()).isEqualTo(HostAccess.VIEW);
        assertThatThrownBy(() -> pluginHosts.require(caller, id, HostAccess.USE))
                .isInstanceOfSatisfying(
                        HttpError.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("view access to host " + id);
    }

    @Test
    void an_admin_owns_every_host() {
        long id = createHost(newUser("USER"), "anyone's");
        TestUser admin = newUser("ADMIN");

        assertThat(pluginHosts
                        .require(callerOf(admin, Role.ADMIN), id, HostAccess.OWNER)
                        .access())
                .isEqualTo(HostAccess.OWNER);
    }

    @Test
    void visible_hosts_are_the_own_and_the_shared_ones_with_their_access() {
        TestUser owner = newUser("USER");
        TestUser viewer = newUser("USER");
        long own = createHost(owner, "own");
        long shared = createHost(viewer, "theirs");
        share(viewer, shared, owner, "use");
        createHost(viewer, "not-shared");

        List<Host> visible = pluginHosts.visibleTo(callerOf(owner, Role.USER));

        assertThat(visible)
                .extracting(Host::id, Host::access)
                .containsExactly(tuple(own, HostAccess.OWNER), tuple(shared, HostAccess.USE));
    }

    @Test
    void a_caller_the_host_did_not_make_is_refused() {
        TestUser owner = newUser("USER");
        long id = createHost(owner, "guarded");
        dev.porthole.api.Caller forged = new dev.porthole.api.Caller() {
            @Override
            public long userId() {
                return owner.id();
            }

            @Override
            public String username() {
                return owner.username();
            }

            @Override
            public boolean isAdmin() {
                return true;
            }

            @Override
            public Optional<Long> tokenId() {
                return Optional.empty();
            }

            @Override
            public List<String> scopes() {
                return List.of("*");
            }

            @Override
            public boolean hasScope(String scope) {
                return true;
            }
        };

        assertThatThrownBy(() -> pluginHosts.require(forged, id, HostAccess.VIEW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pluginHosts.visibleTo(forged)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ApiCaller callerOf(TestUser user, Role role) {
        return new ApiCaller(new Caller(user.id(), user.username(), role, null, List.of("*")));
    }

    private long createHost(TestUser owner, String name) {
        Reply created = api().post(
                        "/api/hosts",
                        HostsApiContract.host(
                                name,
                                "authType",
                                "password",
                                "password",
                                "hunter2-password",
                                "enableDocker",
                                true,
                                "tags",
                                List.of("prod", "web")),
                        owner.auth());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private void share(TestUser owner, long hostId, TestUser with, String level) {
        Reply reply = api().post(
                        "/api/hosts/" + hostId + "/shares",
                        Map.of("username", with.username(), "level", level),
                        owner.auth());
        assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
    }
}
