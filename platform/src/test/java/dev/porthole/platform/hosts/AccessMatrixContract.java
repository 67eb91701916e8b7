package dev.porthole.platform.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.porthole.api.hosts.HostAccess;
import dev.porthole.platform.auth.Caller;
import dev.porthole.platform.errors.ApiException;
import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import dev.porthole.platform.users.Role;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every host route against every kind of caller: the owner, users it is shared with at each level, a stranger and an
 * admin. Each cell runs on a host of its own, so destructive routes do not disturb the others.
 */
abstract class AccessMatrixContract extends PlatformTestBase {
    private static final List<String> ACTORS = List.of("owner", "view", "use", "manage", "stranger", "admin");

    @Inject
    HostService hostService;

    private final Map<String, TestUser> users = new LinkedHashMap<>();
    private TestUser bystander;

    AccessMatrixContract(TestDatabase database) {
        super(database);
    }

    @BeforeAll
    void createActors() {
        for (String actor : List.of("owner", "view", "use", "manage", "stranger")) {
            users.put(actor, newUser("USER"));
        }
        users.put("admin", newUser("ADMIN"));
        bystander = newUser("USER");
    }

    /** A host of the owner's, shared at each level, plus a share with a bystander that routes may remove. */
    private long sharedHost() {
        TestUser owner = users.get("owner");
        long id = api().post(
                        "/api/hosts",
                        HostsApiContract.host(
                                "h-" + System.nanoTime(), "authType", "password", "password", "pw-123456"),
                        owner.auth())
                .id();
        for (String level : List.of("view", "use", "manage")) {
            share(id, users.get(level).username(), level, owner.auth());
        }
        share(id, bystander.username(), "view", owner.auth());
        return id;
    }

    private void share(long hostId, String username, String level, Auth auth) {
        Reply reply =
                api().post("/api/hosts/" + hostId + "/shares", Map.of("username", username, "level", level), auth);
        assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
    }

    private int call(String route, long hostId, Auth auth) {
        String path = "/api/hosts/" + hostId;
        return switch (route) {
            case "get" -> api().get(path, auth).status();
            case "update" ->
                api().put(path, HostsApiContract.host("renamed-" + hostId), auth)
                        .status();
            case "delete" -> api().delete(path, auth).status();
            case "list-shares" -> api().get(path + "/shares", auth).status();
            case "share" ->
                api().post(path + "/shares", Map.of("username", bystander.username(), "level", "use"), auth)
                        .status();
            case "unshare-other" ->
                api().delete(path + "/shares/" + bystander.id(), auth).status();
            default -> throw new IllegalArgumentException(route);
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // route,        owner, view, use, manage, stranger, admin
        "get,             200,   200,  200, 200,    404,      200",
        "update,          200,   403,  403, 200,    404,      200",
        "delete,          204,   403,  403, 403,    404,      204",
        "list-shares,     200,   403,  403, 403,    404,      200",
        "share,           200,   403,  403, 403,    404,      200",
        "unshare-other,   204,   403,  403, 403,    404,      204",
    })
    void route_by_caller(String route, int owner, int view, int use, int manage, int stranger, int admin) {
        List<Integer> expected = List.of(owner, view, use, manage, stranger, admin);
        for (int i = 0; i < ACTORS.size(); i++) {
            long host = sharedHost();
            assertThat(call(route, host, users.get(ACTORS.get(i)).auth()))
                    .as("%s by %s", route, ACTORS.get(i))
                    .isEqualTo(expected.get(i));
        }
    }

    @Test
    void the_list_holds_exactly_the_hosts_a_caller_may_see_with_their_level() {
        long host = sharedHost();

        for (String actor : ACTORS) {
            List<Map<String, Object>> visible =
                    api().get("/api/hosts", users.get(actor).auth()).list();
            Map<String, Object> entry = visible.stream()
                    .filter(h -> ((Number) h.get("id")).longValue() == host)
                    .findFirst()
                    .orElse(null);
            if (actor.equals("stranger")) {
                assertThat(entry).as(actor).isNull();
            } else {
                assertThat(entry).as(actor).isNotNull();
                // one spelling with plugin-api's HostAccess: an admin acts as, and is shown as, the owner
                assertThat(entry.get("access"))
                        .as(actor)
                        .isEqualTo(actor.equals("admin") ? HostAccess.OWNER.toString() : actor);
            }
        }
    }

    @Test
    void a_shared_user_may_leave_a_host_but_not_remove_others() {
        long host = sharedHost();
        TestUser viewer = users.get("view");

        assertThat(api().delete(
                                "/api/hosts/" + host + "/shares/"
                                        + users.get("use").id(),
                                viewer.auth())
                        .status())
                .isEqualTo(403);
        assertThat(api().delete("/api/hosts/" + host + "/shares/" + viewer.id(), viewer.auth())
                        .status())
                .isEqualTo(204);
        assertThat(api().get("/api/hosts/" + host, viewer.auth()).status()).isEqualTo(404);
    }

    @Test
    void sharing_validates_the_level_and_the_user() {
        long host = sharedHost();
        Auth owner = users.get("owner").auth();
        String path = "/api/hosts/" + host + "/shares";

        assertThat(api().post(path, Map.of("username", bystander.username(), "level", "root"), owner)
                        .problemFields())
                .containsExactly("level");
        assertThat(api().post(path, Map.of("username", "no-such-user", "level", "view"), owner)
                        .problemFields())
                .containsExactly("username");
        assertThat(api().post(path, Map.of("userId", 99999999, "level", "view"), owner)
                        .problemFields())
                .containsExactly("userId");
        assertThat(api().post(path, Map.of("username", users.get("owner").username(), "level", "view"), owner)
                        .problemFields())
                .containsExactly("username");
        assertThat(api().post(path, Map.of("level", "view"), owner).problemFields())
                .containsExactly("username");
        Reply list = api().get(path, owner);
        assertThat(list.list())
                .extracting(s -> s.get("level"))
                .containsExactlyInAnyOrder("view", "use", "manage", "view");
    }

    @Test
    void the_check_every_plugin_asks_may_this_caller_use_host_n() {
        long host = sharedHost();

        for (String actor : ACTORS) {
            TestUser user = users.get(actor);
            Caller caller = new Caller(
                    user.id(), user.username(), actor.equals("admin") ? Role.ADMIN : Role.USER, null, List.of("*"));
            switch (actor) {
                case "stranger" ->
                    assertThatThrownBy(() -> hostService.require(caller, host, HostAccess.USE))
                            .isInstanceOfSatisfying(
                                    ApiException.class,
                                    e -> assertThat(e.status().getCode()).isEqualTo(404));
                case "view" ->
                    assertThatThrownBy(() -> hostService.require(caller, host, HostAccess.USE))
                            .isInstanceOfSatisfying(
                                    ApiException.class,
                                    e -> assertThat(e.status().getCode()).isEqualTo(403));
                default ->
                    assertThat(hostService.require(caller, host, HostAccess.USE).id())
                            .as(actor)
                            .isEqualTo(host);
            }
        }
    }
}
