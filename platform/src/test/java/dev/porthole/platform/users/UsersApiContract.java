package dev.porthole.platform.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin API for users, and the rules that keep an admin able to log in. */
abstract class UsersApiContract extends PlatformTestBase {

    UsersApiContract(TestDatabase database) {
        super(database);
    }

    @Test
    void an_admin_creates_a_user_who_can_log_in() {
        Reply created = api().post(
                        "/api/users",
                        Map.of("username", "carol", "password", "carol-password", "role", "USER"),
                        admin());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/users/" + created.id());
        assertThat(created.map())
                .containsEntry("username", "carol")
                .containsEntry("role", "USER")
                .containsEntry("enabled", true);
        assertThat(created.body()).doesNotContain("carol-password").doesNotContain("passwordHash");
        assertThat(login("carol", "carol-password")).isNotBlank();
        assertThat(api().get("/api/users/" + created.id(), admin()).field("username"))
                .isEqualTo("carol");
        assertThat(api().get("/api/users", admin()).list())
                .extracting(u -> u.get("username"))
                .contains("admin", "carol");
    }

    @Test
    void bad_usernames_passwords_and_roles_are_400s_naming_the_field() {
        Reply badName = api().post("/api/users", Map.of("username", "Bad Name", "password", "long-enough-1"), admin());
        Reply shortPassword = api().post("/api/users", Map.of("username", "dave", "password", "short"), admin());
        Reply badRole = api().post(
                        "/api/users", Map.of("username", "dave", "password", "long-enough-1", "role", "ROOT"), admin());
        Reply missing = api().post("/api/users", Map.of(), admin());

        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.problemFields()).containsExactly("username");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.problemFields()).containsExactly("password");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.problemFields()).containsExactly("role");
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void a_duplicate_username_is_a_409() {
        createUser("erin", "erin-password", "USER");
        Reply again = api().post("/api/users", Map.of("username", "erin", "password", "other-password"), admin());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field("detail")).isEqualTo("a user named 'erin' already exists");
    }

    @Test
    void users_who_are_not_admins_get_403_and_anonymous_callers_401() {
        TestUser user = newUser("USER");

        assertThat(api().get("/api/users", user.auth()).status()).isEqualTo(403);
        assertThat(api().post("/api/users", Map.of("username", "x1", "password", "xxxxxxxxxx"), user.auth())
                        .status())
                .isEqualTo(403);
        assertThat(api().delete("/api/users/1", user.auth()).status()).isEqualTo(403);
        assertThat(api().get("/api/users", Auth.NONE).status()).isEqualTo(401);
    }

    @Test
    void an_admin_changes_role_password_and_state() {
        TestUser user = newUser("USER");

        Reply promoted = api().patch("/api/users/" + user.id(), Map.of("role", "ADMIN"), admin());
        Reply newPassword = api().patch("/api/users/" + user.id(), Map.of("password", "reset-by-admin"), admin());

        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.field("role")).isEqualTo("ADMIN");
        assertThat(newPassword.status()).isEqualTo(200);
        // the role change ended the user's old session
        assertThat(api().get("/api/auth/me", user.auth()).status()).isEqualTo(401);
        String session = login(user.username(), "reset-by-admin");
        assertThat(api().get("/api/users", Auth.bearer(session)).status()).isEqualTo(200);
    }

    @Test
    void the_last_enabled_admin_cannot_be_demoted_disabled_or_deleted() {
        long adminId = ((Number) api().get("/api/auth/me", admin()).field("id")).longValue();
        TestUser other = newUser("ADMIN");

        // with two admins, the other one may go
        assertThat(api().patch("/api/users/" + other.id(), Map.of("enabled", false), admin())
                        .status())
                .isEqualTo(200);
        Reply demote = api().patch("/api/users/" + adminId, Map.of("role", "USER"), admin());
        Reply disable = api().patch("/api/users/" + adminId, Map.of("enabled", false), admin());
        Reply deleteSelf = api().delete("/api/users/" + adminId, admin());

        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.field("detail")).isEqualTo("cannot demote or disable the last enabled admin");
        assertThat(disable.status()).isEqualTo(409);
        assertThat(deleteSelf.status()).isEqualTo(409);
        assertThat(api().patch("/api/users/" + other.id(), Map.of("enabled", true), admin())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void a_user_who_owns_hosts_is_not_deleted_until_the_hosts_are() {
        TestUser owner = newUser("USER");
        Reply host = api().post(
                        "/api/hosts",
                        Map.of("name", "box", "address", "10.1.2.3", "username", "root", "authType", "none"),
                        owner.auth());
        assertThat(host.status()).isEqualTo(201);

        Reply refused = api().delete("/api/users/" + owner.id(), admin());
        assertThat(api().delete("/api/hosts/" + host.id(), admin()).status()).isEqualTo(204);
        Reply deleted = api().delete("/api/users/" + owner.id(), admin());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.field("detail").toString()).contains("owns 1 host(s)");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api().get("/api/users/" + owner.id(), admin()).status()).isEqualTo(404);
        assertThat(api().get("/api/auth/me", owner.auth()).status()).isEqualTo(401);
    }

    @Test
    void ids_are_checked_before_use() {
        assertThat(api().get("/api/users/999999", admin()).status()).isEqualTo(404);
        assertThat(api().get("/api/users/0", admin()).status()).isEqualTo(400);
        assertThat(api().get("/api/users/-3", admin()).status()).isEqualTo(400);
        Reply notNumber = api().get("/api/users/abc", admin());
        assertThat(notNumber.status()).isEqualTo(400);
        assertThat(notNumber.header("Content-Type")).isEqualTo("application/problem+json");
    }
}
