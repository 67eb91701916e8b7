package dev.porthole.platform.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.platform.support.ApiClient.Auth;
import dev.porthole.platform.support.ApiClient.Reply;
import dev.porthole.platform.support.PlatformTestBase;
import dev.porthole.platform.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Named API tokens: the secret once, scopes enforced on every route, revocation. */
abstract class TokensApiContract extends PlatformTestBase {

    TokensApiContract(TestDatabase database) {
        super(database);
    }

    private Reply createToken(Auth auth, String name, List<String> scopes) {
        return api().post("/api/tokens", Map.of("name", name, "scopes", scopes), auth);
    }

    private static final Map<String, Object> HOST =
            Map.of("name", "scoped", "address", "10.0.0.9", "username", "root", "authType", "none");

    @Test
    void the_secret_is_shown_once_and_works_as_a_bearer_token() {
        TestUser user = newUser("USER");
        Reply created = createToken(user.auth(), "ci", List.of("read:hosts"));

        assertThat(created.status()).isEqualTo(201);
        String secret = (String) created.field("token");
        assertThat(secret).matches("pht_[0-9]+_[A-Za-z0-9_-]{43}");
        Reply listed = api().get("/api/tokens", user.auth());
        assertThat(listed.list()).hasSize(1);
        assertThat(listed.body()).doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));
        assertThat(listed.list().get(0)).containsEntry("name", "ci").containsEntry("scopes", List.of("read:hosts"));

        Reply me = api().get("/api/auth/me", Auth.bearer(secret));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.map()).containsEntry("username", user.username()).containsEntry("authenticatedBy", "token");
        assertThat(api().get("/api/tokens", user.auth()).list().get(0).get("lastUsedAt"))
                .isNotNull();
    }

    @Test
    void scopes_limit_what_a_token_may_do() {
        TestUser user = newUser("USER");
        String reader = (String)
                createToken(user.auth(), "reader", List.of("read:hosts")).field("token");
        String writer =
                (String) createToken(user.auth(), "writer", List.of("write:*")).field("token");
        String other = (String)
                createToken(user.auth(), "other", List.of("read:containers")).field("token");

        assertThat(api().get("/api/hosts", Auth.bearer(reader)).status()).isEqualTo(200);
        Reply refused = api().post("/api/hosts", HOST, Auth.bearer(reader));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.field("detail"))
                .as("names the scope it lacks")
                .isEqualTo("this needs the scope write:hosts; the API token holds read:hosts");
        assertThat(api().post("/api/hosts", HOST, Auth.bearer(writer)).status()).isEqualTo(201);
        assertThat(api().get("/api/hosts", Auth.bearer(writer)).status())
                .as("write implies read")
                .isEqualTo(200);
        assertThat(api().get("/api/hosts", Auth.bearer(other)).status()).isEqualTo(403);
        assertThat(api().get("/api/tokens", Auth.bearer(other)).status()).isEqualTo(403);
    }

    @Test
    void a_token_cannot_mint_a_broader_token_nor_change_the_password() {
        TestUser user = newUser("USER");
        String limited = (String) createToken(user.auth(), "limited", List.of("write:tokens", "read:hosts"))
                .field("token");

        Reply broader = createToken(Auth.bearer(limited), "broader", List.of("write:hosts"));
        Reply wildcard = createToken(Auth.bearer(limited), "wild", List.of("write:*"));
        Reply narrower = createToken(Auth.bearer(limited), "narrower", List.of("read:hosts"));
        Reply password = api().post(
                        "/api/auth/password",
                        Map.of("currentPassword", user.password(), "newPassword", "taken-over-pw"),
                        Auth.bearer(limited));

        Reply everything = createToken(Auth.bearer(limited), "everything", List.of("*"));
        assertThat(everything.status()).isEqualTo(400);
        assertThat(everything.problemFields()).containsExactly("scopes[0]");
        assertThat(broader.status()).isEqualTo(400);
        assertThat(broader.problemFields()).containsExactly("scopes[0]");
        assertThat(wildcard.status()).isEqualTo(400);
        assertThat(narrower.status()).isEqualTo(201);
        assertThat(password.status()).isEqualTo(403);
    }

    @Test
    void an_admin_token_still_needs_the_scope_and_a_user_token_never_gets_admin_routes() {
        String adminToken = (String)
                createToken(admin(), "admin-hosts", List.of("read:hosts")).field("token");
        TestUser user = newUser("USER");
        String everything =
                (String) createToken(user.auth(), "all", List.of("*")).field("token");

        assertThat(api().get("/api/users", Auth.bearer(adminToken)).status()).isEqualTo(403);
        Reply notAdmin = api().get("/api/users", Auth.bearer(everything));
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.field("detail")).isEqualTo("this needs the role ADMIN");
        assertThat(api().get("/api/hosts", Auth.bearer(adminToken)).status()).isEqualTo(200);
    }

    @Test
    void an_admin_token_cannot_reset_its_own_password_through_the_users_api() {
        TestUser otherAdmin = newUser("ADMIN");
        String token = (String)
                createToken(otherAdmin.auth(), "ops", List.of("write:users")).field("token");
        TestUser someone = newUser("USER");

        assertThat(api().patch("/api/users/" + otherAdmin.id(), Map.of("password", "taken-over-pw"), Auth.bearer(token))
                        .status())
                .isEqualTo(403);
        assertThat(api().patch(
                                "/api/users/" + someone.id(),
                                Map.of("password", "reset-by-ops-token"),
                                Auth.bearer(token))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void bad_requests_name_the_field() {
        TestUser user = newUser("USER");
        assertThat(createToken(user.auth(), "", List.of("read:hosts")).problemFields())
                .containsExactly("name");
        assertThat(createToken(user.auth(), "x", List.of()).problemFields()).containsExactly("scopes");
        assertThat(createToken(user.auth(), "x", List.of("read:hosts", "drop:tables"))
                        .problemFields())
                .containsExactly("scopes[1]");
        Reply days = api().post(
                        "/api/tokens",
                        Map.of("name", "x", "scopes", List.of("read:hosts"), "expiresInDays", 0),
                        user.auth());
        assertThat(days.status()).isEqualTo(400);
        assertThat(days.problemFields()).containsExactly("expiresInDays");
        createToken(user.auth(), "dup", List.of("read:hosts"));
        assertThat(createToken(user.auth(), "dup", List.of("read:hosts")).status())
                .isEqualTo(409);
    }

    @Test
    void a_token_with_an_expiry_reports_it() {
        TestUser user = newUser("USER");
        Reply created = api().post(
                        "/api/tokens",
                        Map.of("name", "short", "scopes", List.of("read:hosts"), "expiresInDays", 7),
                        user.auth());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.field("expiresAt")).isNotNull();
        assertThat(api().get("/api/hosts", Auth.bearer((String) created.field("token")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void revoked_tokens_and_tokens_of_disabled_users_stop_working() {
        TestUser user = newUser("USER");
        Reply created = createToken(user.auth(), "temp", List.of("read:hosts"));
        String secret = (String) created.field("token");
        String second = (String)
                createToken(user.auth(), "second", List.of("read:hosts")).field("token");
        TestUser stranger = newUser("USER");

        assertThat(api().delete("/api/tokens/" + created.id(), stranger.auth()).status())
                .isEqualTo(404);
        assertThat(api().delete("/api/tokens/" + created.id(), user.auth()).status())
                .isEqualTo(204);
        assertThat(api().get("/api/hosts", Auth.bearer(secret)).status()).isEqualTo(401);

        assertThat(api().get("/api/hosts", Auth.bearer(second)).status()).isEqualTo(200);
        api().patch("/api/users/" + user.id(), Map.of("enabled", false), admin());
        assertThat(api().get("/api/hosts", Auth.bearer(second)).status()).isEqualTo(401);
    }

    @Test
    void a_token_with_a_forged_secret_is_refused() {
        TestUser user = newUser("USER");
        Reply created = createToken(user.auth(), "real", List.of("read:hosts"));
        String forged = "pht_" + created.id() + "_" + "A".repeat(43);

        assertThat(api().get("/api/hosts", Auth.bearer(forged)).status()).isEqualTo(401);
        assertThat(api().get("/api/hosts", Auth.bearer("pht_99999999999999999999_" + "A".repeat(43)))
                        .status())
                .isEqualTo(401);
    }
}
